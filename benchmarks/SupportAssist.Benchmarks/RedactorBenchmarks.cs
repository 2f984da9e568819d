using System.Text;
using BenchmarkDotNet.Attributes;
using SupportAssist.Privacy;

namespace SupportAssist.Benchmarks;

/// <summary>
/// The PII redactor on a typical ticket and on hostile texts of the sizes the API accepts: the 20 KB run of
/// <c>a.a.a…@b</c> from the trust review (0.3-0.9 s before the patterns were made linear), and 64 KB texts built to
/// make each kind of rule work hardest (digits for cards and phones, cue words for names and passwords, street
/// words for addresses, capitalised words for names, thousands of findings).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RedactorBenchmarks
{
    private const string Ticket =
        "Hi, this is Priya Raman from Loomcraft. Our payout to ES91 2100 0418 4502 0005 1332 never arrived and the card "
        + "4242 4242 4242 4242 was charged twice. Call me on +44 20 7946 0958 or write to priya.raman@example.com. "
        + "We moved to 221B Baker Street, London NW1 6XE last month.\nThanks,\nPriya";

    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = "";

    private string _text = "";

    public static IEnumerable<string> Inputs() =>
        ["ticket (370 chars)", "a.a.a...@b (20 KB)", "digits and separators (64 KB)", "cue words (64 KB)", "street words (64 KB)", "capitalised words (64 KB)", "9,000 emails (64 KB)"];

    [GlobalSetup]
    public void Setup() => _text = Input switch
    {
        "ticket (370 chars)" => Ticket,
        "a.a.a...@b (20 KB)" => string.Concat(Enumerable.Repeat("a.", 10_000)) + "@b",
        "digits and separators (64 KB)" => Repeat("4 2-4.2 1 ", 64 * 1024),
        "cue words (64 KB)" => Repeat("my name is password: born passport Hi ", 64 * 1024),
        "street words (64 KB)" => Repeat("12 Calle 3 Street Avenue 5, ", 64 * 1024),
        "capitalised words (64 KB)" => Repeat("Thanks Ana De La Cruz Van ", 64 * 1024),
        // Thousands of findings: the overlap check must not grow with their number.
        "9,000 emails (64 KB)" => Repeat("a@b.co ", 64 * 1024),
        _ => throw new ArgumentOutOfRangeException(nameof(Input)),
    };

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length) text.Append(unit);
        return text.ToString(0, length);
    }

    [Benchmark]
    public int Redact() => PiiRedactor.Redact(_text).Findings.Count;
}
