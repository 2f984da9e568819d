using System.Text.RegularExpressions;

namespace SupportAssist.Privacy;

/// <summary>
/// Finds people's names in English and Spanish support text. A name is found where its context says it is one
/// (introductions, greetings, sign-offs, titles, "my accountant …", "customer …"), or where it is known (the
/// ticket's customer); then every other occurrence of the name's parts in the same text is found too (a first
/// name alone in a sign-off, a surname after "Sr."). Names are capitalised words, joined by the particles
/// names use (de, del, van, bin, …); a cue followed by a lower-case word finds nothing ("I am having trouble").
/// </summary>
internal static class NameFinder
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    // A capitalised word (O'Brien, McDonald, Jean-Luc, Zoë) and names' particles between capitalised words.
    private const string Word = @"[\p{Lu}][\p{Ll}\p{Lu}'’-]*[\p{Ll}][\p{L}'’-]*|[\p{Lu}]\.";
    private const string Particle = "(?:de|del|de la|de los|van|van der|von|da|di|du|dos|das|bin|bint|al|el|la|le|y|e)";
    private const string Name = "(?:" + Word + ")(?: (?:" + Particle + " )?(?:" + Word + ")){0,3}";

    // Cues are case-insensitive in their first letter only; the name after them must be capitalised.
    private static readonly Regex Cued = new(
        @"(?:\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame:|[Tt]his is|I am|I'm|[Ii]t's|[Mm]e llamo|[Mm]i nombre es|[Nn]ombre:|[Ss]oy|[Hh]abla|[Ll]e saluda|[Ff]irmado:?|"
        + @"[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Hh]ola|[Ee]stimad[oa]s?|[Qq]uerid[oa]|[Bb]uen(?:os|as) (?:días|tardes|noches),?|[Gg]ood (?:morning|afternoon|evening),?|"
        + @"[Tt]hanks|[Tt]hank you|[Mm]any thanks|[Rr]egards|[Bb]est regards|[Kk]ind regards|[Ww]arm regards|[Bb]est|[Cc]heers|[Ss]incerely|[Yy]ours|"
        + @"[Ss]aludos|[Uu]n saludo|[Gg]racias|[Mm]uchas gracias|[Aa]tentamente|[Cc]ordialmente|[Uu]n abrazo|[Ss]aludos cordiales|"
        + @"Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Prof\.?|Sr\.?|Sra\.?|Srta\.?|Don|Doña|Dña\.?|D\.|"
        + @"[Mm]y (?:colleague|coworker|co-worker|accountant|bookkeeper|partner|business partner|wife|husband|manager|boss|brother|sister|son|daughter|assistant|employee|developer|cofounder|co-founder|friend|lawyer|cfo|ceo|cto)|"
        + @"[Mm]i (?:socio|socia|contable|contador|contadora|esposa|esposo|marido|mujer|jefe|jefa|hermano|hermana|hijo|hija|asistente|empleado|empleada|compañero|compañera|gestor|gestora|abogado|abogada|amigo|amiga|novio|novia|padre|madre)|"
        + @"[Cc]ustomer|[Cc]lient|[Cc]liente|[Cc]ardholder|[Tt]itular|[Aa]gent|[Aa]gente|[Nn]amed|[Cc]alled|[Ll]lamad[oa]|[Ss]poke (?:to|with)|[Hh]abl[ée] con|[Cc]ontact|[Cc]ontacto|[Aa]ttn:?|[Aa]/?[Aa]:?|[Cc]c:?|[Ff]rom:|[Dd]e:)"
        + @"[,:]?(?: |\n|\r\n)+)(" + Name + ")", Linear);

    // Cue words that are capitalised words themselves, so a cue matched inside a longer capitalised run is not a name.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I", "The", "A", "An", "This", "That", "It", "We", "You", "They", "He", "She", "My", "Our", "Your", "Thanks", "Thank", "Regards", "Best", "Cheers",
        "Hi", "Hello", "Dear", "Hola", "Gracias", "Saludos", "Please", "Sorry", "Yes", "No", "Ok", "OK", "El", "La", "Los", "Las", "Un", "Una", "Mi", "Su", "Por",
        "Paykite", "Support", "Soporte", "Team", "Equipo", "Customer", "Cliente", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo", "Dashboard", "Stripe", "Visa", "Mastercard", "Amex", "API", "Apple", "Google",
        "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December", "Enero", "Febrero", "Marzo", "Abril", "Mayo",
        "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre", "Again", "Also", "Just", "Here", "Still", "Not", "So", "Sure", "Good", "Great",
    };

    /// <summary>The spans of names in <paramref name="text"/>, with the known names' parts; sorted, not overlapping.</summary>
    public static List<(int Start, int Length)> Find(string text, IEnumerable<string>? knownNames)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        var spans = new List<(int Start, int Length)>();
        foreach (var known in knownNames ?? [])
        {
            if (string.IsNullOrWhiteSpace(known)) continue;
            parts.Add(known.Trim());
            foreach (var part in known.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) parts.Add(part);
        }
        foreach (Match match in Cued.Matches(text))
        {
            var name = match.Groups[1];
            var words = name.Value.Split(' ').Where(w => w.Length > 0).ToList();
            // Drop words from the end that are not names ("Thanks, Priya The" never happens, "Hi Priya Thanks" does).
            while (words.Count > 0 && NotNames.Contains(words[^1].TrimEnd('.'))) words.RemoveAt(words.Count - 1);
            if (words.Count == 0 || NotNames.Contains(words[0].TrimEnd('.'))) continue;
            var value = string.Join(' ', words);
            spans.Add((name.Index, value.Length));
            foreach (var word in words.Where(w => w.Length > 2 && char.IsUpper(w[0]))) parts.Add(word.TrimEnd('.'));
        }
        // Every other occurrence of a name's parts, longest first, as whole words.
        foreach (var part in parts.Where(p => p.Count(char.IsLetter) >= 2 && !NotNames.Contains(p)).OrderByDescending(p => p.Length))
        {
            for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            {
                var before = at == 0 ? ' ' : text[at - 1];
                var after = at + part.Length >= text.Length ? ' ' : text[at + part.Length];
                if (char.IsLetterOrDigit(before) || char.IsLetterOrDigit(after)) continue;
                spans.Add((at, part.Length));
            }
        }
        return Merge(spans);
    }

    private static List<(int Start, int Length)> Merge(List<(int Start, int Length)> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var merged = new List<(int Start, int Length)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start < merged[^1].Start + merged[^1].Length)
            {
                var end = Math.Max(merged[^1].Start + merged[^1].Length, span.Start + span.Length);
                merged[^1] = (merged[^1].Start, end - merged[^1].Start);
                continue;
            }
            merged.Add(span);
        }
        return merged;
    }
}
