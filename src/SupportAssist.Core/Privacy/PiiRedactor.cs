using System.Text;
using System.Text.RegularExpressions;

namespace SupportAssist.Privacy;

/// <summary>
/// The one redactor that text passes before it reaches an embedding or LLM provider, a log or a store.
/// Candidates are found by pattern (all on the non-backtracking engine: linear in the text's length) and
/// confirmed by checksum where the kind has one (Luhn for cards, mod 97 for IBANs, the national ids' check
/// digits), by context where it has none (a passport number next to "passport", a birth date next to "born", a
/// name after "my name is" or before a sign-off), or by what the caller knows (the customer's name). More
/// specific kinds are found first and win overlaps. Measured on our labelled set: see the README. Stateless and
/// thread-safe.
/// </summary>
public static class PiiRedactor
{
    private const int ContextWindow = 40;

    /// <summary>Finds PII in <paramref name="text"/>, and every occurrence of <paramref name="knownNames"/> and their parts, and replaces each finding with its placeholder.</summary>
    public static Redaction Redact(string text, IEnumerable<string?>? knownNames = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<PiiFinding>();
        Collect(text, PiiPatterns.SecretKey, PiiKind.SecretKey, _ => true, findings);
        Collect(text, PiiPatterns.NamedSecret, PiiKind.SecretKey, _ => true, findings, ValueAfterSeparator);
        Collect(text, PiiPatterns.Bearer, PiiKind.BearerToken, _ => true, findings, TokenAfterBearer);
        Collect(text, PiiPatterns.Jwt, PiiKind.BearerToken, _ => true, findings);
        CollectNear(text, PiiPatterns.SecretWord, PiiPatterns.LongToken, PiiKind.SecretKey, LooksRandom, findings);
        CollectNear(text, PiiPatterns.TokenWord, PiiPatterns.LongToken, PiiKind.BearerToken, LooksRandom, findings);
        Collect(text, PiiPatterns.Email, PiiKind.Email, _ => true, findings, start: EmailStart);
        CollectIbans(text, findings);
        Collect(text, PiiPatterns.Ssn, PiiKind.NationalId, v => PiiChecks.IsValidSsn(Digits(v)), findings);
        Collect(text, PiiPatterns.Nino, PiiKind.NationalId, v => PiiChecks.IsValidNino(Compact(v)), findings);
        Collect(text, PiiPatterns.DniOrNie, PiiKind.NationalId, v => PiiChecks.IsValidDniOrNie(Compact(v)), findings);
        Collect(text, PiiPatterns.CodiceFiscale, PiiKind.NationalId, PiiChecks.IsValidCodiceFiscale, findings);
        Collect(text, PiiPatterns.Nir, PiiKind.NationalId, v => PiiChecks.IsValidNir(Compact(v)), findings);
        CollectNear(text, PiiPatterns.SsnWord, PiiPatterns.NineDigits, PiiKind.NationalId, v => PiiChecks.IsValidSsn(Digits(v)), findings);
        CollectNear(text, PiiPatterns.BsnWord, PiiPatterns.NineDigits, PiiKind.NationalId, v => PiiChecks.IsValidBsn(Digits(v)), findings);
        Collect(text, PiiPatterns.Card, PiiKind.CardNumber, IsCard, findings);
        CollectNear(text, PiiPatterns.PassportWord, PiiPatterns.PassportNumber, PiiKind.Passport, v => v.Count(char.IsAsciiDigit) >= 2, findings);
        CollectNear(text, PiiPatterns.BirthWord, PiiPatterns.Date, PiiKind.DateOfBirth, _ => true, findings, window: 60);
        Collect(text, PiiPatterns.Phone, PiiKind.Phone, IsPlausiblePhone, findings, start: PhoneStart);
        Collect(text, PiiPatterns.EnglishAddress, PiiKind.Address, _ => true, findings);
        Collect(text, PiiPatterns.SpanishAddress, PiiKind.Address, _ => true, findings);
        Collect(text, PiiPatterns.ContinentalAddress, PiiKind.Address, _ => true, findings);
        foreach (var (start, length) in NameFinder.Find(text, knownNames?.OfType<string>()))
            Add(findings, PiiKind.Name, start, length);
        findings.Sort((a, b) => a.Start.CompareTo(b.Start));

        var redacted = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings)
        {
            redacted.Append(text, position, finding.Start - position).Append(Placeholder(finding.Kind));
            position = finding.Start + finding.Length;
        }
        redacted.Append(text, position, text.Length - position);
        return new Redaction(redacted.ToString(), findings);
    }

    /// <summary>The placeholder that replaces a finding of <paramref name="kind"/>.</summary>
    public static string Placeholder(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[EMAIL]",
        PiiKind.CardNumber => "[CARD]",
        PiiKind.Iban => "[IBAN]",
        PiiKind.Phone => "[PHONE]",
        PiiKind.BearerToken => "[TOKEN]",
        PiiKind.Name => "[NAME]",
        PiiKind.Address => "[ADDRESS]",
        PiiKind.DateOfBirth => "[DOB]",
        PiiKind.NationalId => "[NATIONAL_ID]",
        PiiKind.Passport => "[PASSPORT]",
        _ => "[SECRET]",
    };

    private delegate (int Start, int Length) Narrow(string text, int start, int length);

    private static void Collect(
        string text, Regex pattern, PiiKind kind, Func<string, bool> confirm, List<PiiFinding> findings, Narrow? narrow = null, Func<string, int, bool>? start = null)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            var (at, length) = narrow is null ? (match.Index, match.Length) : narrow(text, match.Index, match.Length);
            // Candidates end on a letter or digit; trailing separators are not part of the value.
            while (length > 0 && !char.IsLetterOrDigit(text[at + length - 1])) length--;
            if (length == 0 || (start is not null && !start(text, at)) || !confirm(text.Substring(at, length))) continue;
            Add(findings, kind, at, length);
        }
    }

    // A value that only counts next to a word naming it: the first confirmed candidate starting within the window
    // after the word, read to its end (a long token is not cut at the window's edge). Candidates are found once for
    // the whole text, so a text of a thousand cue words costs one scan, not a thousand.
    private static void CollectNear(string text, Regex word, Regex value, PiiKind kind, Func<string, bool> confirm, List<PiiFinding> findings, int window = ContextWindow)
    {
        List<(int Index, int Length)>? candidates = null;
        foreach (var cue in word.EnumerateMatches(text))
        {
            candidates ??= Spans(value, text);
            var from = cue.Index + cue.Length;
            var first = candidates.BinarySearch((from, 0), Comparer<(int Index, int Length)>.Create((a, b) => a.Index.CompareTo(b.Index)));
            for (var i = first < 0 ? ~first : first; i < candidates.Count && candidates[i].Index < from + window; i++)
            {
                var (at, length) = candidates[i];
                if (confirm(text.Substring(at, length)) && Add(findings, kind, at, length)) break;
            }
        }
    }

    private static List<(int Index, int Length)> Spans(Regex pattern, string text)
    {
        var spans = new List<(int Index, int Length)>();
        foreach (var match in pattern.EnumerateMatches(text)) spans.Add((match.Index, match.Length));
        return spans;
    }

    private static bool Add(List<PiiFinding> findings, PiiKind kind, int start, int length)
    {
        if (findings.Exists(f => start < f.Start + f.Length && f.Start < start + length)) return false;
        findings.Add(new PiiFinding(kind, start, length));
        return true;
    }

    // An IBAN is read as far as its country's length, over single spaces, and no further: the next word is never
    // part of it, whatever letters it has.
    private static void CollectIbans(string text, List<PiiFinding> findings)
    {
        foreach (var match in PiiPatterns.IbanStart.EnumerateMatches(text))
        {
            var country = text.Substring(match.Index, 2).ToUpperInvariant();
            if (PiiChecks.IbanLength(country) is not { } length) continue;
            var compact = new StringBuilder(length);
            var end = match.Index;
            while (end < text.Length && compact.Length < length)
            {
                var c = text[end];
                if (char.IsAsciiLetterOrDigit(c)) compact.Append(c);
                else if (!(c == ' ' && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]) && compact.Length % 4 == 0)) break;
                end++;
            }
            if (compact.Length != length || (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))) continue;
            if (PiiChecks.IsValidIban(compact.ToString())) Add(findings, PiiKind.Iban, match.Index, end - match.Index);
        }
    }

    private static bool IsCard(string candidate)
    {
        var digits = Digits(candidate);
        return digits.Length is >= 13 and <= 19 && PiiChecks.IsCardPrefix(digits) && PiiChecks.PassesLuhn(digits)
            && candidate.Where(c => !char.IsAsciiDigit(c)).Distinct().Count() <= 1;
    }

    // An international number ('+' or 00 and 8-15 digits), or 9-15 digits in groups; a bare order number, an
    // amount or a date (with or without a time) is not a phone number.
    private static bool IsPlausiblePhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (candidate.StartsWith('+') || candidate.StartsWith("00", StringComparison.Ordinal)) return digits is >= 8 and <= 15;
        if (digits is < 9 or > 15 || PiiPatterns.IsoOrDottedDate.IsMatch(candidate)) return false;
        return candidate.Any(c => c is ' ' or '-' or '.' or '(' or ')');
    }

    // A number glued to an identifier ("INV-2026-000123", "FAC/2026/00042", "#48213") is part of that identifier, and
    // one a nearby word calls an order, tracking, reference or ticket number is that, not a phone number (unless it
    // starts with a country code).
    private static bool PhoneStart(string text, int at)
    {
        if (at == 0) return true;
        var before = text[at - 1];
        if (char.IsLetterOrDigit(before) || before is '#' or '_' or '/') return false;
        if (before is '-' or '.' && at >= 2 && char.IsLetterOrDigit(text[at - 2])) return false;
        // A number written with its country code is a phone number whatever the words around it.
        if (text[at] == '+') return true;
        // The previous word mixes letters and digits ("1Z 999 AA1 0123 456 784"): the number continues an identifier.
        if (before == ' ')
        {
            var word = at - 1;
            while (word > 0 && char.IsLetterOrDigit(text[word - 1])) word--;
            var previous = text.AsSpan(word, at - 1 - word);
            if (previous.ContainsAnyInRange('0', '9') && previous.ContainsAnyInRange('A', 'Z')) return false;
        }
        var context = text.AsSpan(Math.Max(0, at - 32), Math.Min(32, at));
        return !PiiPatterns.NotAPhoneWord.IsMatch(context);
    }

    // Random-looking: letters and digits mixed, not a word or a path.
    private static bool LooksRandom(string value) =>
        value.Count(char.IsAsciiDigit) >= 2 && value.Count(char.IsAsciiLetterUpper) >= 2 && value.Count(char.IsAsciiLetterLower) >= 2;

    // The local part's first character is not glued to one before it ("x.jane@…" is found whole, from "x").
    private static bool EmailStart(string text, int at) =>
        at == 0 || !(char.IsAsciiLetterOrDigit(text[at - 1]) || "!#$%&*+/=?^_`{|}~.-".Contains(text[at - 1], StringComparison.Ordinal));

    private static (int, int) ValueAfterSeparator(string text, int start, int length)
    {
        var separator = text.AsSpan(start, length).IndexOfAny(':', '=');
        var from = start + separator + 1;
        while (from < start + length && char.IsWhiteSpace(text[from])) from++;
        return (from, start + length - from);
    }

    private static (int, int) TokenAfterBearer(string text, int start, int length)
    {
        var from = start + "Bearer".Length;
        while (from < start + length && char.IsWhiteSpace(text[from])) from++;
        return (from, start + length - from);
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private static string Compact(string value) => new(value.Where(char.IsAsciiLetterOrDigit).ToArray());
}
