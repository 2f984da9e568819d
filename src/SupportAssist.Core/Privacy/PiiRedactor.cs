using System.Text;
using System.Text.RegularExpressions;

namespace SupportAssist.Privacy;

/// <summary>Kinds of personal or secret data the redactor finds.</summary>
public enum PiiKind
{
    /// <summary>An email address.</summary>
    Email,

    /// <summary>A payment card number (13-19 digits passing the Luhn check).</summary>
    CardNumber,

    /// <summary>An IBAN (country code, check digits, account; mod-97 valid).</summary>
    Iban,

    /// <summary>A phone number (8-15 digits, international or grouped).</summary>
    Phone,

    /// <summary>A secret credential: a live or test secret or restricted key, a webhook signing secret, a bearer token.</summary>
    SecretKey,
}

/// <summary>Where a kind of PII was found, as offsets into the original text; the value itself is never kept.</summary>
public sealed record PiiFinding(PiiKind Kind, int Start, int Length);

/// <summary>Text with every finding replaced by a placeholder such as <c>[EMAIL]</c>, and what was found.</summary>
public sealed record Redaction(string Text, IReadOnlyList<PiiFinding> Findings)
{
    /// <summary>The distinct kinds found, in the order of <see cref="PiiKind"/>.</summary>
    public IReadOnlyList<PiiKind> Kinds => Findings.Select(f => f.Kind).Distinct().Order().ToList();
}

/// <summary>
/// The one redactor that text passes before it reaches an embedding or LLM provider, a log or the outcome
/// store. Candidates are found by pattern and confirmed by checksum where the kind has one (Luhn for cards,
/// mod 97 for IBANs), so order numbers and amounts are left alone. Stateless and thread-safe.
/// </summary>
public static partial class PiiRedactor
{
    /// <summary>Finds PII in <paramref name="text"/> and replaces each finding with its placeholder.</summary>
    public static Redaction Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<PiiFinding>();
        // Most specific first: a secret key or IBAN can contain digit runs that look like a phone number.
        Collect(text, SecretKey(), PiiKind.SecretKey, _ => true, findings);
        Collect(text, Email(), PiiKind.Email, _ => true, findings);
        Collect(text, Iban(), PiiKind.Iban, IsValidIban, findings);
        Collect(text, CardCandidate(), PiiKind.CardNumber, PassesLuhn, findings);
        Collect(text, PhoneCandidate(), PiiKind.Phone, IsPlausiblePhone, findings);
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
        _ => "[SECRET]",
    };

    private static void Collect(string text, Regex pattern, PiiKind kind, Func<string, bool> confirm, List<PiiFinding> findings)
    {
        foreach (Match match in pattern.Matches(text))
        {
            var start = match.Index;
            var length = match.Length;
            // Candidates end on a digit or letter; trailing separators are not part of the value.
            while (length > 0 && !char.IsLetterOrDigit(text[start + length - 1])) length--;
            if (length == 0 || !confirm(text.Substring(start, length))) continue;
            if (findings.Exists(f => start < f.Start + f.Length && f.Start < start + length)) continue;
            findings.Add(new PiiFinding(kind, start, length));
        }
    }

    private static bool PassesLuhn(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    private static bool IsValidIban(string candidate)
    {
        var compact = new string(candidate.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (compact.Length is < 15 or > 34) return false;
        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    // An international number ('+' and 8-15 digits), or 9-15 digits in groups; a bare order number, an
    // amount or a date (with or without a time) is not a phone number.
    private static bool IsPlausiblePhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (candidate.StartsWith('+')) return digits is >= 8 and <= 15;
        if (digits is < 9 or > 15 || IsoDate().IsMatch(candidate)) return false;
        return candidate.Any(c => c is ' ' or '-' or '.' or '(' or ')');
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|\bwhsec_[A-Za-z0-9]{8,}|\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Iban();

    [GeneratedRegex(@"\b\d(?:[ -]?\d){12,18}\b", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"(?:\+|\b)\d[\d ().-]{6,20}\d", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCandidate();
}
