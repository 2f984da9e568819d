using SupportAssist.Privacy;

namespace SupportAssist.Core.Tests.Privacy;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("please reply to jane.doe+billing@example.co.uk today", PiiKind.Email, "jane.doe+billing@example.co.uk", "please reply to [EMAIL] today")]
    [InlineData("card 4242 4242 4242 4242 was declined", PiiKind.CardNumber, "4242 4242 4242 4242", "card [CARD] was declined")]
    [InlineData("card 5555-5555-5555-4444.", PiiKind.CardNumber, "5555-5555-5555-4444", "card [CARD].")]
    [InlineData("amex 378282246310005 charged twice", PiiKind.CardNumber, "378282246310005", "amex [CARD] charged twice")]
    [InlineData("send it to DE89 3704 0044 0532 0130 00 please", PiiKind.Iban, "DE89 3704 0044 0532 0130 00", "send it to [IBAN] please")]
    [InlineData("IBAN GB82WEST12345698765432", PiiKind.Iban, "GB82WEST12345698765432", "IBAN [IBAN]")]
    [InlineData("call me on +44 20 7946 0958", PiiKind.Phone, "+44 20 7946 0958", "call me on [PHONE]")]
    [InlineData("my number is (415) 555-0132, thanks", PiiKind.Phone, "(415) 555-0132", "my number is ([PHONE], thanks")]
    [InlineData("our key sk_live_51HxYz0123456789abcDEF leaked", PiiKind.SecretKey, "sk_live_51HxYz0123456789abcDEF", "our key [SECRET] leaked")]
    [InlineData("whsec_9f8e7d6c5b4a3210 is the signing secret", PiiKind.SecretKey, "whsec_9f8e7d6c5b4a3210", "[SECRET] is the signing secret")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", PiiKind.BearerToken, "eyJhbGciOiJIUzI1NiJ9.payload.sig", "Authorization: Bearer [TOKEN]")]
    // The defects found by the trust review (issue 15), each its own case.
    [InlineData("card 6011.1111.1111.1117 declined", PiiKind.CardNumber, "6011.1111.1111.1117", "card [CARD] declined")]
    [InlineData("iban ES9121000418450200051332 please", PiiKind.Iban, "ES9121000418450200051332", "iban [IBAN] please")]
    [InlineData("write to o'connor@example.com today", PiiKind.Email, "o'connor@example.com", "write to [EMAIL] today")]
    [InlineData("my SSN is 123-45-6789", PiiKind.NationalId, "123-45-6789", "my SSN is [NATIONAL_ID]")]
    [InlineData("DNI 12345678Z, gracias", PiiKind.NationalId, "12345678Z", "DNI [NATIONAL_ID], gracias")]
    [InlineData("passport number X12345678 expires soon", PiiKind.Passport, "X12345678", "passport number [PASSPORT] expires soon")]
    [InlineData("DOB 14/03/1985 as on file", PiiKind.DateOfBirth, "14/03/1985", "DOB [DOB] as on file")]
    [InlineData("ship to 221B Baker Street, London NW1 6XE", PiiKind.Address, "221B Baker Street, London NW1 6XE", "ship to [ADDRESS]")]
    [InlineData("About order 5512, call me on +34 612 345 678", PiiKind.Phone, "+34 612 345 678", "About order 5512, call me on [PHONE]")]
    [InlineData("Thanks, Priya Raman", PiiKind.Name, "Priya Raman", "Thanks, [NAME]")]
    // A token is read to its end, however far past the cue word it runs.
    [InlineData("the app token s4n4wSU5tZ1sulP0JRxWot7OrM82uJp6ltypDP10Xnnzhhl3HKxF stopped working", PiiKind.BearerToken, "s4n4wSU5tZ1sulP0JRxWot7OrM82uJp6ltypDP10Xnnzhhl3HKxF", "the app token [TOKEN] stopped working")]
    [InlineData("aws_secret_access_key = KpnJEAawAh6bakVtYv819igcUBTCBVupWeyRKo9Z", PiiKind.SecretKey, "KpnJEAawAh6bakVtYv819igcUBTCBVupWeyRKo9Z", "aws_secret_access_key = [SECRET]")]
    // A city ends the address; the next sentence is not part of it.
    [InlineData("We moved to Kastanienallee 32, 10435 Berlin. Do you need a document?", PiiKind.Address, "Kastanienallee 32, 10435 Berlin", "We moved to [ADDRESS]. Do you need a document?")]
    [InlineData("Ship it to 1458 Maple Avenue, Portland, OR 97214, not the office", PiiKind.Address, "1458 Maple Avenue, Portland, OR 97214", "Ship it to [ADDRESS], not the office")]
    // Names by what surrounds them: details after, a title before, a line of their own at the end.
    [InlineData("Details: Amara Diallo, born in Dakar, 40% shareholder.", PiiKind.Name, "Amara Diallo", "Details: [NAME], born in Dakar, 40% shareholder.")]
    [InlineData("Called Mr. Okafor back about the hold.", PiiKind.Name, "Okafor", "Called Mr. [NAME] back about the hold.")]
    [InlineData("Do you need a new document from us?\nHannah Fischer", PiiKind.Name, "Hannah Fischer", "Do you need a new document from us?\n[NAME]")]
    [InlineData("The dispute is from a shopper called Grace Adeyemi.", PiiKind.Name, "Grace Adeyemi", "The dispute is from a shopper called [NAME].")]
    // Found by a second reader's review: bare-digit phones next to a phone word, security codes, internationalised emails.
    [InlineData("Call me on 07700900123 after five", PiiKind.Phone, "07700900123", "Call me on [PHONE] after five")]
    [InlineData("my cvv is 123, expiry next year", PiiKind.CardNumber, "123", "my cvv is [CARD], expiry next year")]
    [InlineData("escribidme a josé@ejemplo.es hoy", PiiKind.Email, "josé@ejemplo.es", "escribidme a [EMAIL] hoy")]
    [InlineData("Vivo en Calle Mayor 12, 3º B, 28013 Madrid.", PiiKind.Address, "Calle Mayor 12, 3º B, 28013 Madrid", "Vivo en [ADDRESS].")]
    public void Each_kind_is_found_and_replaced(string text, PiiKind kind, string value, string expected)
    {
        var redaction = PiiRedactor.Redact(text);

        var finding = Assert.Single(redaction.Findings);
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(value.TrimStart('('), text.Substring(finding.Start, finding.Length).TrimStart('('));
        Assert.Equal(expected, redaction.Text);
        Assert.DoesNotContain(value.TrimStart('('), redaction.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("card 4242 4242 4242 4241 fails the Luhn check")]
    [InlineData("order 1234567890123 is late")]
    [InlineData("invoice 20261124 for 1,500.00 EUR")]
    [InlineData("paid on 2026-11-24 10:30 and again 24.11.2026")]
    [InlineData("use pk_live_51HxYz0123456789abc in the browser, it is public")]
    [InlineData("error 429 too many requests, retry after 30 seconds")]
    [InlineData("Invoice INV-2026-000123 is due on 2026-12-01")]
    [InlineData("order #48213 and FAC/2026/00042 for €1,234.56")]
    [InlineData("I am having trouble with payouts")]
    [InlineData("Buenas tardes:\n\nOs escribo por el pedido 61877.")]
    [InlineData("Please add Apple Pay and Google Pay to checkout.")]
    [InlineData("Tracking number 1Z 999 AA1 0123 456 784 shows delivered.")]
    // False findings once made on the triage set's tickets: a verb holding "calle", a feature's name after "called",
    // a word after "password was", businesses' names.
    [InlineData("order number 123456789 has not shipped")]
    [InlineData("our finance automation called the payouts endpoint at 16:40 CET yesterday")]
    [InlineData("the rest just seems stuck under something called Reserved. Why?")]
    [InlineData("I just learned my password was part of a data breach on an unrelated forum")]
    [InlineData("our previous name, Brightwater Goods Ltd, is still on the invoice")]
    [InlineData("Our client Hartwell Dental tried to settle invoice INV-2291")]
    [InlineData("")]
    public void Look_alikes_are_left_alone(string text)
    {
        var redaction = PiiRedactor.Redact(text);

        Assert.Empty(redaction.Findings);
        Assert.Equal(text, redaction.Text);
    }

    [Fact]
    public void An_iban_with_a_wrong_check_is_not_reported_as_an_iban()
    {
        var redaction = PiiRedactor.Redact("DE89 3704 0044 0532 0130 01 has a wrong check");

        Assert.DoesNotContain(redaction.Findings, f => f.Kind == PiiKind.Iban);
    }

    [Fact]
    public void Several_findings_are_replaced_in_place_and_their_kinds_listed()
    {
        var text = "I'm jane@example.com, card 4242424242424242, call +1 415 555 0132.";

        var redaction = PiiRedactor.Redact(text);

        Assert.Equal("I'm [EMAIL], card [CARD], call [PHONE].", redaction.Text);
        Assert.Equal([PiiKind.Email, PiiKind.CardNumber, PiiKind.Phone], redaction.Kinds);
        Assert.Equal(redaction.Findings.OrderBy(f => f.Start), redaction.Findings);
    }
}

public sealed class PiiPatternsTests
{
    // A 20 KB "a.a.a…@b" took 0.3-0.9 s with backtracking patterns: every pattern must run on the linear engine.
    [Fact]
    public void Every_pattern_runs_on_the_non_backtracking_engine()
    {
        var patterns = typeof(PiiRedactor).Assembly.GetType("SupportAssist.Privacy.PiiPatterns")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Concat(typeof(PiiRedactor).Assembly.GetType("SupportAssist.Privacy.NameFinder")!.GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static))
            .Where(f => f.FieldType == typeof(System.Text.RegularExpressions.Regex))
            .Select(f => (f.Name, Regex: (System.Text.RegularExpressions.Regex)f.GetValue(null)!))
            .ToList();

        Assert.True(patterns.Count >= 20, $"{patterns.Count} patterns");
        Assert.All(patterns, p => Assert.True(p.Regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking), p.Name));
    }

    [Fact]
    public void A_known_customer_name_is_found_in_any_case()
    {
        var redaction = PiiRedactor.Redact("PRIYA here again, priya raman from the shop", ["Priya Raman"]);

        Assert.Equal("[NAME] here again, [NAME] from the shop", redaction.Text);
    }
}
