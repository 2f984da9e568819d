using SupportAssist.Text;

namespace SupportAssist.Core.Tests.Text;

public sealed class LanguageGuessTests
{
    [Theory]
    [InlineData("How do I refund a payment to my customer?", "en")]
    [InlineData("Hola, ¿cómo hago un reembolso de un pago? Gracias", "es")]
    [InlineData("Bonjour, je ne trouve pas mon virement. Pourquoi est-il bloqué ?", "fr")]
    [InlineData("Hallo, ich kann meine Auszahlung nicht finden. Warum ist sie blockiert?", "de")]
    [InlineData("Olá, não encontro o meu pagamento. Você pode ajudar?", "pt")]
    [InlineData("返金はいつ届きますか？", "ja")]
    [InlineData("pay_1182 4242", "en")]
    public void Short_tickets_are_told_apart(string text, string expected) => Assert.Equal(expected, LanguageGuess.Of(text).Code);

    [Theory]
    [InlineData("es-MX", "Spanish")]
    [InlineData("DE", "German")]
    [InlineData("pt-BR", "Portuguese")]
    public void A_locale_names_its_language(string locale, string expected) => Assert.Equal(expected, LanguageGuess.OfLocale(locale)!.Name);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zu")]
    public void An_unknown_or_missing_locale_names_nothing(string? locale) => Assert.Null(LanguageGuess.OfLocale(locale));

    // Subject-line-sized messages (docs/text-processing.md): one function word or one distinctive letter decides.
    [Theory]
    [InlineData("¿Dónde está mi reembolso?", "es")]
    [InlineData("Cobro duplicado en la tarjeta", "es")]
    [InlineData("Où est mon virement ?", "fr")]
    [InlineData("Facture du mois dernier", "fr")]
    [InlineData("Wo ist meine Auszahlung?", "de")]
    [InlineData("Rückerstattung fehlt", "de")]
    [InlineData("Não recebi o pagamento", "pt")]
    [InlineData("Cartão recusado", "pt")]
    [InlineData("振込がまだです", "ja")]
    [InlineData("Where is my payout?", "en")]
    public void A_subject_line_with_one_clue_is_told_apart(string text, string expected) => Assert.Equal(expected, LanguageGuess.Of(text).Code);

    // With no function word and no distinctive letter there is nothing to go on, and English is the answer: the
    // measured cost of keeping this guess over a statistical detector (docs/text-processing.md).
    [Theory]
    [InlineData("Pix")]
    [InlineData("Chargeback 4471")]
    [InlineData("Reembolso parcial")]
    [InlineData("手数料")]
    public void A_subject_line_without_clues_is_taken_for_english(string text) => Assert.Equal("en", LanguageGuess.Of(text).Code);
}
