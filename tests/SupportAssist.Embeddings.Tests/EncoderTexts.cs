using System.Text.Json;

namespace SupportAssist.Embeddings.Tests;

/// <summary>
/// Over two hundred varied texts for the encoder's equality tests: help-center paragraphs of every shape
/// (prose, lists, tables, code), real questions and tickets from our eval sets, and hand-written edge cases
/// (empty, whitespace only, accents, emoji, CJK, control characters, code, a text far past 512 tokens).
/// </summary>
internal static class EncoderTexts
{
    public static IReadOnlyList<string> EdgeCases { get; } =
    [
        "",
        " ",
        "\t\n\r",
        "a",
        "?",
        "How do I reset my password?",
        "HOW DO I RESET MY PASSWORD???",
        "Café résumé naïve façade: ¿Dónde está mi reembolso?",
        "Ça coûte combien, l'abonnement «Pro» ?",
        "Straße, Übergröße, Ærø, œuvre, İstanbul, ǅemal",
        "Mi tarjeta fue rechazada dos veces y no sé por qué.",
        "Warum wurde meine Auszahlung zurückgehalten?",
        "My payout 🎉🚀 is late!!!",
        "Thanks 👍🏽👍🏽 all good now ✅",
        "😡😡😡",
        "日本語のテキストと中文字符",
        "결제가 실패했습니다",
        "Привет, мой платёж не прошёл",
        "var x = foo(bar[3]) && baz->qux; // TODO",
        "SELECT * FROM payouts WHERE status = 'failed' AND amount > 100;",
        "{\"error\": {\"code\": \"card_declined\", \"decline_code\": \"insufficient_funds\"}}",
        "curl -H \"Authorization: Bearer sk_test_[REDACTED]\" https://api.example.com/v1/charges?limit=3",
        "if (signature != hmac_sha256(secret, payload)) { return 401; }",
        "```js\nconst sig = crypto.createHmac('sha256', secret).update(body).digest('hex');\n```",
        "A\tB\nC  D\r\nE",
        "zero\u200Bwidth and soft\u00ADhyphen",
        "bell\u0007char and nul\u0000char",
        "replacement \uFFFD char",
        "non\u00A0breaking\u2003spaces",
        "naïve vs naı\u0308ve vs nai\u0308ve",
        "ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ",
        "€100, £5, ¥7, ©®™, 20 °C, ½ cup",
        "“Smart quotes” and ‘single’ ones — dashes – too…",
        "price $5 ^ 2 ~ `code` | pipe < > =",
        "https://help.example.com/articles/payouts-schedule#weekly?ref=mail",
        "Order #INV-2026-000123 for 1,234.56 EUR on 2026-11-30",
        "supercalifragilisticexpialidocious antidisestablishmentarianism",
        new string('x', 150),
        string.Concat(Enumerable.Repeat("pneumonoultramicroscopicsilicovolcanoconiosis ", 3)),
        "[CLS] [SEP] [PAD] [MASK] [UNK]",
        "##ing ## # #hashtag",
        string.Join(" ", Enumerable.Repeat("Refunds go back to the original payment method within five to ten business days.", 60)),
        string.Join("\n", Enumerable.Range(1, 300).Select(i => $"{i}. Step number {i}")),
    ];

    /// <summary>
    /// Where FastBertTokenizer knowingly departs from the reference tokenizer: a special token's spelling typed
    /// in the text (reference: that special token; FastBertTokenizer: [UNK]) and a word of over 100 characters
    /// (reference: [UNK]; FastBertTokenizer: its word pieces). Both are rare in support text.
    /// </summary>
    public static bool IsKnownTokenizerDeparture(string text) =>
        SpecialTokens.Any(s => text.Contains(s, StringComparison.Ordinal))
        || System.Text.RegularExpressions.Regex.IsMatch(text, @"[\p{L}\p{N}]{101,}");

    private static readonly string[] SpecialTokens = ["[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]"];

    /// <summary>Every text: the edge cases, help-center paragraphs and eval questions and tickets.</summary>
    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        var root = RepositoryRoot();
        var texts = new List<string>(EdgeCases);
        var paragraphs = Directory.GetFiles(Path.Combine(root, "samples", "helpcenter"), "*.md").Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllText(f).Split("\n\n"))
            .Where(p => p.Trim().Length > 0);
        var all = paragraphs.ToList();
        texts.AddRange(all.Where((p, i) => i % 6 == 0 || p.Contains("```", StringComparison.Ordinal)).Take(110));
        texts.AddRange(File.ReadLines(Path.Combine(root, "evals", "datasets", "deflection.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!)
            .Where((_, i) => i % 4 == 0).Take(50));
        texts.AddRange(File.ReadLines(Path.Combine(root, "evals", "datasets", "drafting.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => e.TryGetProperty("body", out var body) ? body.GetString()! : e.GetRawText())
            .Take(20));
        return texts;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run the tests from inside the repository");
    }
}
