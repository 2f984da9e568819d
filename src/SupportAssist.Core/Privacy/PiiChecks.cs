namespace SupportAssist.Privacy;

/// <summary>The check digits and ranges that tell real identifiers from look-alikes.</summary>
internal static class PiiChecks
{
    private const string DniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";

    /// <summary>IBAN length per country (ISO 13616 registry), for the SEPA countries and their neighbours.</summary>
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24,
        ["AT"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["CH"] = 21,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DK"] = 18,
        ["EE"] = 20,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GI"] = 23,
        ["GR"] = 27,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IS"] = 26,
        ["IT"] = 27,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["MC"] = 27,
        ["MT"] = 31,
        ["NL"] = 18,
        ["NO"] = 15,
        ["PL"] = 28,
        ["PT"] = 25,
        ["RO"] = 24,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["VA"] = 22,
        ["AL"] = 28,
        ["BA"] = 20,
        ["ME"] = 22,
        ["MK"] = 19,
        ["RS"] = 22,
        ["TR"] = 26,
        ["UA"] = 29,
        ["MD"] = 24,
        ["FO"] = 18,
        ["GL"] = 18,
        ["XK"] = 20,
        ["AE"] = 23,
        ["SA"] = 24,
        ["IL"] = 23,
        ["BR"] = 29,
    };

    public static int? IbanLength(string country) => IbanLengths.TryGetValue(country, out var length) ? length : null;

    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var count = 0;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(digits[i])) continue;
            var digit = digits[i] - '0';
            if (count++ % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return count > 0 && sum % 10 == 0;
    }

    /// <summary>A card network's range: Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, Discover, JCB, Diners, UnionPay, Maestro.</summary>
    public static bool IsCardPrefix(string digits) =>
        digits[0] is '3' or '4' or '5' or '6' || (digits[0] == '2' && int.Parse(digits.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) is >= 2221 and <= 2720);

    public static bool IsValidIban(string compact)
    {
        compact = compact.ToUpperInvariant();
        if (compact.Length < 15 || IbanLength(compact[..2]) != compact.Length) return false;
        var remainder = 0;
        foreach (var c in compact[4..] + compact[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    /// <summary>US SSN: area not 000, 666 or 900-999; group not 00; serial not 0000.</summary>
    public static bool IsValidSsn(string digits) =>
        digits.Length == 9 && digits[..3] is not "000" and not "666" && digits[0] != '9' && digits[3..5] != "00" && digits[5..] != "0000";

    /// <summary>Spanish DNI (8 digits and a letter) or NIE (X, Y or Z, 7 digits and a letter): the letter is the number mod 23.</summary>
    public static bool IsValidDniOrNie(string compact)
    {
        var upper = compact.ToUpperInvariant();
        var number = upper[0] switch { 'X' => "0" + upper[1..^1], 'Y' => "1" + upper[1..^1], 'Z' => "2" + upper[1..^1], _ => upper[..^1] };
        return number.Length == 8 && number.All(char.IsAsciiDigit) && DniLetters[int.Parse(number, System.Globalization.CultureInfo.InvariantCulture) % 23] == upper[^1];
    }

    /// <summary>Dutch BSN: nine digits passing the 11-test (9a + 8b + … + 2h − i divisible by 11).</summary>
    public static bool IsValidBsn(string digits)
    {
        if (digits.Length != 9) return false;
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
        sum -= digits[8] - '0';
        return sum % 11 == 0 && sum != 0;
    }

    /// <summary>French NIR: 13 digits (2A/2B for Corsica) and a key of 97 − (number mod 97).</summary>
    public static bool IsValidNir(string compact)
    {
        if (compact.Length != 15) return false;
        var body = compact[..13].ToUpperInvariant().Replace("2A", "19", StringComparison.Ordinal).Replace("2B", "18", StringComparison.Ordinal);
        if (!body.All(char.IsAsciiDigit) || !compact[13..].All(char.IsAsciiDigit)) return false;
        var remainder = 0L;
        foreach (var c in body) remainder = (remainder * 10 + (c - '0')) % 97;
        return 97 - remainder == long.Parse(compact[13..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Italian codice fiscale: 15 characters and a check letter from the odd/even position tables.</summary>
    public static bool IsValidCodiceFiscale(string code)
    {
        if (code.Length != 16) return false;
        int[] odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
        var upper = code.ToUpperInvariant();
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = upper[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            if (index is < 0 or > 25) return false;
            sum += i % 2 == 0 ? odd[index] : index;
        }
        return upper[15] == 'A' + sum % 26;
    }

    /// <summary>UK National Insurance: no D, F, I, Q, U or V in the prefix, no O second, none of the unused pairs.</summary>
    public static bool IsValidNino(string compact)
    {
        var upper = compact.ToUpperInvariant();
        if (upper.Length != 9 || "DFIQUV".Contains(upper[0], StringComparison.Ordinal) || "DFIQUVO".Contains(upper[1], StringComparison.Ordinal)) return false;
        return upper[..2] is not ("BG" or "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ") && upper[8] is >= 'A' and <= 'D';
    }
}
