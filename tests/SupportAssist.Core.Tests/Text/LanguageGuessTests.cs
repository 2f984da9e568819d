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
}
