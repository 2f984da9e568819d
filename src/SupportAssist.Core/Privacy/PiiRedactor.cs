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
        var findings = new Findings(text.Length);
        Collect(text, PiiPatterns.SecretKey, PiiKind.SecretKey, _ => true, findings);
        Collect(text, PiiPatterns.Bearer, PiiKind.BearerToken, _ => true, findings, TokenAfterBearer);
        Collect(text, PiiPatterns.Jwt, PiiKind.BearerToken, _ => true, findings);
        Collect(text, PiiPatterns.NamedSecret, PiiKind.SecretKey, _ => true, findings, ValueAfterSeparator);
        Collect(text, PiiPatterns.StatedPassword, PiiKind.SecretKey, v => !NotPasswords.Contains(v), findings, ValueAfterSeparator);
        CollectNear(text, PiiPatterns.SecretWord, PiiPatterns.LongToken, PiiKind.SecretKey, LooksRandom, findings);
        CollectNear(text, PiiPatterns.TokenWord, PiiPatterns.LongToken, PiiKind.BearerToken, LooksRandom, findings, window: 80);
        CollectNear(text, PiiPatterns.PasswordWord, PiiPatterns.PasswordLike, PiiKind.SecretKey, LooksLikePassword, findings, window: 48);
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
        CollectNear(text, PiiPatterns.PhoneWord, PiiPatterns.BareDigits, PiiKind.Phone, _ => true, findings, window: 24);
        CollectNear(text, PiiPatterns.CardCodeWord, PiiPatterns.CardCode, PiiKind.CardNumber, _ => true, findings, window: 16);
        CollectAddresses(text, findings, PiiPatterns.EnglishAddress, PiiPatterns.SpanishAddress, PiiPatterns.ContinentalAddress);
        foreach (var (start, length) in NameFinder.Find(text, knownNames?.OfType<string>()))
            Add(findings, PiiKind.Name, start, length);
        findings.Items.Sort((a, b) => a.Start.CompareTo(b.Start));
        return Replace(text, findings.Items);
    }

    /// <summary>
    /// Replaces only the findings of <paramref name="kinds"/>: for text a person must read whole (a support case keeps
    /// the customer's name and phone for the agent) but that must never hold a card, an IBAN or a credential.
    /// </summary>
    public static Redaction RedactOnly(string text, IReadOnlySet<PiiKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var all = Redact(text);
        return Replace(text, all.Findings.Where(f => kinds.Contains(f.Kind)).ToList());
    }

    private static Redaction Replace(string text, IReadOnlyList<PiiFinding> findings)
    {
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
        string text, Regex pattern, PiiKind kind, Func<string, bool> confirm, Findings findings, Narrow? narrow = null, Func<string, int, bool>? start = null)
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
    private static void CollectNear(string text, Regex word, Regex value, PiiKind kind, Func<string, bool> confirm, Findings findings, int window = ContextWindow)
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
                while (length > 0 && !char.IsLetterOrDigit(text[at + length - 1]) && text[at + length - 1] is '.' or ',') length--;
                if (length > 0 && confirm(text.Substring(at, length)) && Add(findings, kind, at, length)) break;
            }
        }
    }

    private static List<(int Index, int Length)> Spans(Regex pattern, string text)
    {
        var spans = new List<(int Index, int Length)>();
        foreach (var match in pattern.EnumerateMatches(text)) spans.Add((match.Index, match.Length));
        return spans;
    }

    private static bool Add(Findings findings, PiiKind kind, int start, int length)
    {
        // Which characters are taken is kept per character, so each check costs the candidate's length, not the
        // number of findings so far (a text of thousands of emails stays linear).
        var span = findings.Covered.AsSpan(start, length);
        if (span.Contains(true)) return false;
        span.Fill(true);
        findings.Items.Add(new PiiFinding(kind, start, length));
        return true;
    }

    // An IBAN is read as far as its country's length, over single spaces, and no further: the next word is never
    // part of it, whatever letters it has.
    private static void CollectIbans(string text, Findings findings)
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
        if (digits is < 9 or > 15 || PiiPatterns.IsoOrDottedDate.IsMatch(candidate) || PiiPatterns.IpAddress.IsMatch(candidate)) return false;
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

    // A password near the word: eight or more characters mixing at least three of lower case, upper case, digits and
    // symbols ("pinecone-Rally-58", "Tulip!Harbor77"), not a URL, an email or a path.
    // Words that say something about a password rather than being one ("my password was part of a breach").
    private static readonly HashSet<string> NotPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "part", "the", "a", "an", "not", "no", "too", "very", "still", "also", "now", "being", "been", "just", "never", "always", "only", "in", "on", "for",
        "wrong", "incorrect", "correct", "right", "invalid", "valid", "expired", "changed", "reset", "updated", "compromised", "leaked", "stolen", "hacked",
        "lost", "forgotten", "rejected", "accepted", "working", "required", "needed", "weak", "strong", "short", "long", "fine", "same", "different", "saved",
        "stored", "shared", "sent", "set", "blocked", "locked", "case", "exposed", "breached", "included", "listed", "found", "used", "reused", "known",
        "parte", "la", "el", "una", "un", "muy", "demasiado", "incorrecta", "incorrecto", "correcta", "correcto", "caducada", "cambiada", "robada", "bloqueada",
        "válida", "inválida", "nueva", "vieja", "igual", "distinta", "filtrada", "expuesta", "olvidada", "usada",
    };

    private static bool LooksLikePassword(string value)
    {
        if (value.Contains("://", StringComparison.Ordinal) || value.Contains('@') || value.Contains('/') || value.StartsWith('[')) return false;
        var classes = (value.Any(char.IsLower) ? 1 : 0) + (value.Any(char.IsUpper) ? 1 : 0) + (value.Any(char.IsAsciiDigit) ? 1 : 0)
            + (value.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        return classes >= 3;
    }

    // A street and number, read on over the parts an address continues with.
    private static void CollectAddresses(string text, Findings findings, params Regex[] cores)
    {
        foreach (var core in cores)
        {
            foreach (var match in core.EnumerateMatches(text))
            {
                var length = match.Length;
                while (length > 0 && !char.IsLetterOrDigit(text[match.Index + length - 1])) length--;
                if (length == 0) continue;
                Add(findings, PiiKind.Address, match.Index, ExtendAddress(text, match.Index + length) - match.Index);
            }
        }
    }

    private static readonly HashSet<string> NotPlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "Thanks", "Thank", "Gracias", "Please", "Por", "Regards", "Saludos", "Kind", "Best", "Cheers", "Ring", "Call", "Contact", "Ask", "Dear", "Hi", "Hello",
        "Hola", "The", "My", "Our", "We", "I", "It", "This", "That", "Is", "Mi", "Su", "And", "But", "Pero", "If", "Si", "Not", "No",
        "Yes", "Also", "Tel", "Phone", "Teléfono", "Email", "Correo", "DNI", "NIE", "VAT", "CIF", "NIF", "CUIT", "Invoice", "Factura", "Un", "Una", "Atentamente",
        "Cordialmente", "Sincerely", "Yours", "FAO", "Attn", "Contacto", "Preguntad", "Pregunta", "Llamad", "Llama", "An", "Mobile", "Móvil", "Ph", "Ref",
    };

    // Segments after ", ", ",\n" or a line break (a floor, a unit, a neighbourhood, a postcode, a city) and after a
    // space (a postcode's city, a state's abbreviation, a district number), as long as they come.
    private static int ExtendAddress(string text, int end)
    {
        var limit = Math.Min(text.Length, end + 200);
        var lastWasPostcode = false;
        for (var segments = 0; segments < 10 && end < limit; segments++)
        {
            var at = end;
            // An abbreviation's full stop before a comma ("3º izq., 28009 Madrid").
            if (text[at] == '.' && at + 1 < limit && text[at + 1] == ',') at++;
            var comma = false;
            if (text[at] == ',') { comma = true; at++; }
            var lineBreak = false;
            if (at < text.Length && text[at] == '\r') at++;
            if (at < text.Length && text[at] == '\n') { lineBreak = true; at++; }
            else if (at < text.Length && text[at] == ' ') at++;
            else return end;
            if (at >= text.Length) return end;
            var spaceOnly = !comma && !lineBreak;
            var window = text.Substring(at, Math.Min(80, text.Length - at));
            Match segment;
            bool postcode = false;
            if ((segment = PiiPatterns.AddressPostcode.Match(window)).Success) postcode = true;
            else if (spaceOnly && !lastWasPostcode)
            {
                if (!(segment = PiiPatterns.AddressState.Match(window)).Success) return end;
            }
            else if (!((segment = PiiPatterns.AddressFloor.Match(window)).Success || (segment = PiiPatterns.AddressUnit.Match(window)).Success
                || (segment = PiiPatterns.AddressArea.Match(window)).Success || (segment = CityOrNothing(window, lastWasPostcode)).Success))
            {
                return end;
            }
            var length = segment.Length;
            while (length > 0 && !char.IsLetterOrDigit(window[length - 1]) && window[length - 1] != '.') length--;
            // A full stop ends the address unless it belongs to an abbreviation ("Jal.", "D.C.", "depto.").
            if (length > 0 && window[length - 1] == '.' && !IsAbbreviation(window.AsSpan(0, length))) length--;
            if (length == 0) return end;
            end = at + length;
            lastWasPostcode = postcode;
        }
        return end;
    }

    private static Match CityOrNothing(string window, bool afterPostcode)
    {
        var city = PiiPatterns.AddressCity.Match(window);
        if (!city.Success) return city;
        var first = window.AsSpan(0, city.Length);
        var space = first.IndexOf(' ');
        var word = (space < 0 ? first : first[..space]).ToString();
        // A sign-off or a sentence after a comma is not a city; nor, unless a postcode precedes it, are capitalised words
        // followed by a lower-case one (", Dublin is …").
        if (NotPlaces.Contains(word)) return Match.Empty;
        var after = city.Length < window.Length ? window[city.Length] : '\n';
        if (!afterPostcode && after == ' ' && city.Length + 1 < window.Length && char.IsLower(window[city.Length + 1])) return Match.Empty;
        return city;
    }

    // The last word of a segment ending in '.' is an abbreviation when it is short: "Jal.", "D.C.", "depto.", "Col.".
    private static bool IsAbbreviation(ReadOnlySpan<char> segment)
    {
        var space = segment.LastIndexOf(' ');
        var word = segment[(space + 1)..];
        return word.Length <= 6 && (word.Count('.') > 1 || char.IsUpper(word[0]) || word is "depto." or "dpto." or "apto." or "esc." or "pta." or "int." or "izq." or "izda." or "dcha.");
    }

    // Random-looking: letters of both cases and digits mixed, or a long hexadecimal string; not a word or a path.
    private static bool LooksRandom(string value) =>
        (value.Count(char.IsAsciiDigit) >= 2 && value.Count(char.IsAsciiLetterUpper) >= 2 && value.Count(char.IsAsciiLetterLower) >= 2)
        || (value.Length >= 32 && value.All(char.IsAsciiHexDigit) && value.Count(char.IsAsciiDigit) >= 4 && value.Count(char.IsAsciiLetter) >= 4);

    // The local part's first character is not glued to one before it ("x.jane@…" is found whole, from "x").
    private static bool EmailStart(string text, int at) =>
        at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || "!#$%&*+/=?^_`{|}~.-".Contains(text[at - 1], StringComparison.Ordinal));

    private static (int, int) ValueAfterSeparator(string text, int start, int length)
    {
        // The value is the last word: after ':' or '=', or after "is"/"es"/"was"/"era".
        var separator = text.AsSpan(start, length).IndexOfAny(':', '=');
        if (separator < 0) separator = text.AsSpan(start, length).TrimEnd().LastIndexOf(' ');
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

    // The findings so far, and which characters of the text they cover.
    private sealed class Findings(int length)
    {
        public List<PiiFinding> Items { get; } = [];

        public bool[] Covered { get; } = new bool[length];
    }
}
