using SupportAssist.Infrastructure.Text;

namespace SupportAssist.Infrastructure.Tests.Text;

/// <summary>The per-language stems the keyword index uses for Spanish, French, German and Portuguese articles and questions.</summary>
public sealed class SnowballStemsTests
{
    // Inflections of one word that the English suffix stemmer (and SQLite's Porter) leave apart.
    [Theory]
    [InlineData("es", "reembolsos", "reembolsar")]
    [InlineData("es", "devolver", "devolviendo")]
    [InlineData("es", "rechazada", "rechazan")]
    [InlineData("fr", "remboursements", "rembourser")]
    [InlineData("fr", "factures", "facturation")]
    [InlineData("de", "rückerstattungen", "rückerstattung")]
    [InlineData("de", "auszahlungen", "auszahlung")]
    [InlineData("pt", "pagamentos", "pagamento")]
    [InlineData("pt", "reembolsar", "reembolso")]
    public void Inflections_of_a_word_share_a_stem(string language, string word, string other) =>
        Assert.Equal(SnowballStems.StemText(word, language), SnowballStems.StemText(other, language));

    [Theory]
    [InlineData("es", "tarjeta", "tarifa")]
    [InlineData("fr", "compte", "comptable")]
    [InlineData("de", "konto", "kontakt")]
    [InlineData("pt", "conta", "contato")]
    public void Different_words_keep_different_stems(string language, string word, string other) =>
        Assert.NotEqual(SnowballStems.StemText(word, language), SnowballStems.StemText(other, language));

    [Theory]
    [InlineData("es", "Configuración de la cuenta", "configuracion de la cuenta")]
    [InlineData("fr", "Remboursé après échéance", "rembourse apres echeance")]
    [InlineData("de", "Gebühren für Überweisungen", "gebuhren fur uberweisungen")]
    public void A_word_typed_without_accents_stems_as_its_accented_spelling(string language, string accented, string plain) =>
        Assert.Equal(SnowballStems.StemText(accented, language), SnowballStems.StemText(plain, language));

    [Theory]
    [InlineData("es", "Reembolsos parciales: cómo devolverlos", "reembols parcial com devolv")]
    [InlineData("de", "Die Auszahlungen kommen später", "die auszahl komm spat")]
    public void Text_becomes_its_stems_in_order(string language, string text, string stems) =>
        Assert.Equal(stems, SnowballStems.StemText(text, language));

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    [InlineData("xx")]
    public void Languages_without_a_snowball_stemmer_here_are_left_to_sqlite(string language)
    {
        Assert.False(SnowballStems.Covers(language));
        Assert.Equal("Refunds are processing", SnowballStems.StemText("Refunds are processing", language));
        Assert.Equal("refunds", SnowballStems.Stem("refunds", language));
    }
}
