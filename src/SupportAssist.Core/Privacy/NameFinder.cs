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
    private const string Particle = "(?:de|del|de la|de los|van|van der|van den|von|zu|ter|ten|da|di|du|do|dos|das|dei|della|bin|bint|al|el|la|le|y|e|i|Ó|Ní|Nic|Mac|Ua)";
    private const string Name = "(?:" + Word + ")(?: (?:" + Particle + " )?(?:" + Word + ")){0,3}";

    private const string Title = @"(?:(?:Mr|Mrs|Ms|Mx|Dr|Dra|Prof|Sr|Sra|Srta|Dña|Mme|Mlle|Sig|Sig\.ra|Lic|Ing|Arq)\.? |(?:Miss|Don|Doña|don|doña|Frau|Herr|Madame|Monsieur|Signor|Signora) )?";

    // Cues are case-insensitive in their first letter only; the name after them must be capitalised. A greeting,
    // an introduction or a relation names someone on the same line ("Buenas tardes:\n\nOs escribo" names nobody).
    private static readonly Regex SameLine = new(
        @"(?:\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame:|[Tt]his is|I am|I'm|[Ii]t's|[Mm]e llamo|[Mm]i nombre es|[Nn]ombre:|[Ss]oy|[Hh]abla|"
        + @"[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Hh]ola|[Ee]stimad[oa]s?|[Qq]uerid[oa]|[Bb]uen(?:os|as) (?:días|tardes|noches),?|[Gg]ood (?:morning|afternoon|evening),?|"
        + @"Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Prof\.?|Sr\.?|Sra\.?|Srta\.?|Don|Doña|don|doña|Dña\.?|D\.|Frau|Herr|Madame|Monsieur|Mme\.?|Mlle\.?|Signor|Signora|Sig\.(?:ra)?|Lic\.|Ing\.|Arq\.|Dra\.|"
        + @"[Nn]ame is|[Nn]ame was|[Nn]ombre es|[Aa]sk for|[Aa]sking for|[Pp]regunt(?:ad|a|en|ar) por|FAO|F\.A\.O\.|[Ff]or the attention of|"
        + @"[Nn]ame|[Nn]ame on (?:the|my|our) (?:account|card)(?: is| was)?|[Nn]ombre(?: del titular)?(?: es)?|[Aa]ccount holder(?: is)?|[Tt]itular(?: de la cuenta)?(?: es)?|"
        + @"(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur) (?:late )?(?:colleague|coworker|co-worker|accountant|bookkeeper|partner|business partner|wife|husband|manager|boss|brother|sister|son|daughter|assistant|employee|developer|cofounder|co-founder|friend|lawyer|cfo|ceo|cto|father|mother|dad|mum|mom|uncle|aunt|grandfather|grandmother)|"
        + @"(?:[Mm]i|[Ss]u|[Nn]uestr[oa]) (?:difunto |difunta )?(?:socio|socia|contable|contador|contadora|esposa|esposo|marido|mujer|jefe|jefa|hermano|hermana|hijo|hija|asistente|empleado|empleada|compañero|compañera|gestor|gestora|abogado|abogada|amigo|amiga|novio|novia|padre|madre|tío|tía|abuelo|abuela)|"
        + @"[Cc]ustomer|[Cc]lient|[Cc]liente|[Cc]ardholder|[Tt]itular|[Aa]gent|[Aa]gente|"
        // "called" and "named" name a person only after a word for one ("something called Reserved" names a feature).
        + @"(?:[Ss]omeone|[Ss]omebody|[Pp]erson|[Gg]uy|[Mm]an|[Ww]oman|[Ll]ady|[Gg]entleman|[Cc]ustomer|[Cc]lient|[Aa]gent|[Ee]mployee|[Cc]olleague|[Rr]ep|[Rr]epresentative|[Uu]ser|[Bb]oy|[Gg]irl|[Ff]riend|[Cc]ontractor|[Ff]reelancer|[Mm]anager|[Ss]hopper|[Bb]uyer|[Ss]eller|[Vv]endor|[Cc]ourier|[Dd]river|[Tt]enant|[Ll]andlord|[Mm]ember|[Pp]atient|[Ss]tudent|[Oo]wner|[Aa]ccountant|[Bb]ookkeeper|[Pp]artner|[Dd]eveloper|[Tt]echnician|[Ss]upervisor|[Dd]irector|[Cc]ardholder|[Gg]entlemen|"
        + @"[Aa]lguien|[Pp]ersona|[Ss]eñor|[Ss]eñora|[Cc]hic[oa]|[Hh]ombre|[Mm]ujer|[Cc]liente|[Cc]lienta|[Aa]gente|[Ee]mplead[oa]|[Cc]ompañer[oa]|[Aa]mig[oa]|[Cc]omprador[a]?|[Vv]endedor[a]?|[Rr]epartidor[a]?|[Mm]ensajer[oa]|[Ii]nquilin[oa]|[Ss]oci[oa]|[Tt]itular|[Dd]ueñ[oa]) (?:[Nn]amed|[Cc]alled|[Ll]lamad[oa])|(?:se )?[Ll]lamaba|(?:se )?[Ll]lama|[Ss]poke (?:to|with)|[Hh]abl[ée] con|"
        + @"[Cc]ontact|[Cc]ontacto|[Aa]ttn:?|[Aa]/?[Aa]:?|[Cc]c:?|[Ff]rom:|[Dd]e:)"
        + @"[,:]? +)" + Title + "(" + Name + ")", Linear);

    // Sign-offs name the writer on the same line or the next.
    private static readonly Regex SignOff = new(
        @"(?:\b(?:[Tt]hanks|[Tt]hx|[Tt]hanx|[Tt]ks|[Tt]y|[Tt]hank you|[Mm]any thanks|[Rr]egards|[Bb]est regards|[Kk]ind regards|[Ww]arm regards|[Bb]est|[Cc]heers|[Ss]incerely|[Yy]ours|"
        + @"[Ss]aludos|[Uu]n saludo|[Gg]racias|[Mm]uchas gracias|[Aa]tentamente|[Cc]ordialmente|[Uu]n abrazo|[Ss]aludos cordiales|[Ll]e saluda|[Ff]irmado:?|[Ss]igned:?)"
        + @"[,:!.]?(?: |\n|\r\n)+)" + Title + "(" + Name + ")", Linear);

    // Cues that also precede other things ("add Apple Pay", "the owner Paykite"), so they need a first name and a surname.
    private static readonly Regex FullNameCued = new(
        @"(?:\b(?:[Aa]dd|[Ii]nvite|[Gg]ive|[Gg]rant|[Dd]a(?:d|le)? acceso a|[Rr]emove|[Aa]ñad(?:id|e|ir)(?: a)?|[Ii]nvit(?:ad|a|ar) a|[Ee]limin(?:ad|a|ar) a|[Qq]uit(?:ad|a|ar) a|[Dd]a(?:d|r)? de baja a|"
        + @"[Oo]n behalf of|[Dd]e parte de|[Ee]n nombre de|[Aa] nombre de|[Tt]he name|[Ee]l nombre|[Ii]dentity of|[Ii]dentidad de|[Ss]igned(?: [a-z]+){0,3} (?:by|as|from)|[Ff]irm(?:ó|ado por|ada por)(?: por)?|"
        + @"[Ll]o firmó|[Ll]a firmó|[Ll]eft (?:it )?with|[Dd]elivered to|[Ee]ntregado a|[Aa]ccount (?:owner|holder) is|[Hh]older:|[Pp]ropietari[oa]:|[Cc]alled|[Nn]amed|[Ll]lamad[oa])"
        + @"[,:]? +)" + Title + "(" + Name + ")", Linear);

    // A full name right before the details that describe a person ("Zanele Dlamini, DOB 02/09/1986").
    private static readonly Regex BeforeDetails = new(
        "(" + Name + @")(?:, (?:[^\s@,;]+@|\+?[0-9][0-9 ().-]{6,}[0-9])|,? (?:DNI|NIE|NIF|DOB|D\.O\.B\.|born|nacid[oa]|passport|pasaporte|SSN|NI number|tel\.?|tlf\.?|phone|teléfono|móvil|mobile|email|e-mail|correo|"
        + @"fecha de nacimiento|date of birth|nacionalidad|nationality|[0-9]{1,3}%)\b)", Linear);

    // Two full names joined ("Can Kenji Watanabe and Sara Haddad both …"): the first here, the second as joined.
    private static readonly Regex Pair = new("(" + Name + ") (?:and|y|&) " + Title + "(?:" + Word + ") (?:" + Particle + " )?(?:" + Word + ")", Linear);

    // A name joined to one already found ("Kevin Mendoza y a Yolanda Ibarra", "Kenji and Sara Haddad").
    private static readonly Regex Joined = new(@"^(?:,? and | y a | y | e | & )" + Title + "(" + Name + ")", Linear);

    // A dashed signature with a role after it: "- Priya Raman, CTO at Loomcraft".
    private static readonly Regex DashSignature = new(@"^[-–—]{1,2} ?(" + Name + ")(?:,[^\n]*)? *$", Linear);

    private static readonly Regex SignatureWord = new(@"^(?:[-–—]{1,2} ?)?([\p{Lu}][\p{Ll}'’-]+) *$", Linear);

    // A signature: a line of two to four capitalised words, among the message's last three lines.
    private static readonly Regex SignatureLine = new(@"^(?:[-–—]{1,2} ?)?((?:" + Word + ")(?: (?:" + Particle + " )?(?:" + Word + @")){1,3}) *$", Linear);

    // Cue words that are capitalised words themselves, so a cue matched inside a longer capitalised run is not a name.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I", "The", "A", "An", "This", "That", "It", "We", "You", "They", "He", "She", "My", "Our", "Your", "Thanks", "Thank", "Regards", "Best", "Cheers",
        "Hi", "Hello", "Dear", "Hola", "Gracias", "Saludos", "Please", "Sorry", "Yes", "No", "Ok", "OK", "El", "La", "Los", "Las", "Un", "Una", "Mi", "Su", "Por",
        "Paykite", "Support", "Soporte", "Team", "Equipo", "Customer", "Cliente", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo", "Dashboard", "Stripe", "Visa", "Mastercard", "Amex", "API", "Apple", "Google",
        "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December", "Enero", "Febrero", "Marzo", "Abril", "Mayo",
        "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre", "Again", "Also", "Just", "Here", "Still", "Not", "So", "Sure", "Good", "Great",
        "Os", "Les", "Nos", "Te", "Me", "Le", "Se", "Mr", "Mrs", "Ms", "Dr", "Sr", "Sra", "Srta", "Don", "Doña", "Admin", "Owner", "Pay", "Paypal", "PayPal", "Shopify",
        "WooCommerce", "Connect", "Checkout", "Terminal", "Reader", "Payouts", "Payout", "Refunds", "Account", "Business", "Ltd", "Inc", "SL", "SA", "LLC", "GmbH",
        "Urgent", "Urgente", "Help", "Ayuda", "Thx", "Bye", "Adiós", "Ciao", "Porfa",
        "Sir", "Sirs", "Madam", "Madame", "Señor", "Señora", "Señores", "All", "Everyone", "Todos", "Frau", "Herr", "Monsieur",
    };

    /// <summary>The spans of names in <paramref name="text"/>, with the known names' parts; sorted, not overlapping.</summary>
    public static List<(int Start, int Length)> Find(string text, IEnumerable<string>? knownNames)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        // The customer's known name is found in any case ("PRIYA", "priya"); names found by context, as written.
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var spans = new List<(int Start, int Length)>();
        foreach (var name in knownNames ?? [])
        {
            if (string.IsNullOrWhiteSpace(name)) continue;
            known.Add(name.Trim());
            // Particles ("de", "van") are not names on their own.
            foreach (var part in name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length > 1 && !IsParticle(p))) known.Add(part);
        }
        parts.UnionWith(known);
        foreach (var (rule, minWords) in Rules)
        {
            foreach (Match match in rule.Matches(text)) AddName(text, match.Groups[1], minWords, spans, parts);
        }
        AddSignature(text, spans, parts);
        // Names joined to found ones ("… y a Yolanda Ibarra"), which may be joined to more in turn.
        for (var i = 0; i < spans.Count && i < MaxNames; i++)
        {
            var end = spans[i].Start + spans[i].Length;
            var joined = Joined.Match(text.Substring(end, Math.Min(JoinWindow, text.Length - end)));
            if (joined.Success) AddName(text, joined.Groups[1], 1, spans, parts, end);
        }
        // Every other occurrence of a name's parts, longest first, as whole words.
        // At most MaxNames parts, so a text made of thousands of names costs a bounded number of scans.
        foreach (var part in parts.Where(p => p.Count(char.IsLetter) >= 2 && !NotNames.Contains(p)).OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).Take(MaxNames))
        {
            var comparison = known.Contains(part) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            for (var at = text.IndexOf(part, comparison); at >= 0; at = text.IndexOf(part, at + part.Length, comparison))
            {
                var before = at == 0 ? ' ' : text[at - 1];
                var after = at + part.Length >= text.Length ? ' ' : text[at + part.Length];
                if (char.IsLetterOrDigit(before) || char.IsLetterOrDigit(after)) continue;
                spans.Add((at, part.Length));
            }
        }
        return Merge(spans);
    }

    private static readonly HashSet<string> CompanyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Supply", "Supplies", "Bakery", "Shop", "Store", "Stores", "Ltd", "Limited", "Inc", "Co", "Company", "Corp", "Corporation", "Cafe", "Café", "Crafts",
        "Studio", "Studios", "Florists", "Solutions", "Services", "Group", "Labs", "Tienda", "Panadería", "Cafetería", "Distribuciones", "Hermanos", "GmbH",
        "SL", "SA", "SAS", "SRL", "LLC", "LLP", "PLC", "BV", "AG", "Holdings", "Trading", "Imports", "Exports", "Boutique", "Restaurant", "Bar", "Hotel",
        "Apartments", "Motors", "Garage", "Market", "Foods", "Design", "Media", "Consulting", "Partners", "Associates", "Bank", "Banco", "Insurance", "Pharmacy",
        "Farmacia", "Clinic", "Clínica", "Academy", "School", "Club", "Fitness", "Gym", "Salon", "Spa", "Records", "Books", "Coffee", "Roasters", "Brewing",
        "Workshop", "Werkstatt", "Fahrradwerkstatt", "Logistics", "Transport", "Express", "Delivery", "Software", "Systems", "Technologies", "Tech", "Digital",
        "Dental", "Dentistry", "Medical", "Veterinary", "Vets", "Legal", "Accounting", "Plumbing", "Builders", "Construction", "Cleaning", "Catering", "Goods",
        "Printing", "Agency", "Travel", "Tours", "Rentals", "Realty", "Properties", "Interiors", "Outfitters", "Furniture", "Electronics", "Apparel", "Jewelry",
        "Jewellery", "Photography", "Productions", "Marketing", "Ventures", "Industries", "Manufacturing", "Wellness", "Yoga", "Bakeries", "Florist", "Winery",
        "Brewery", "Opticians", "Repairs", "Pizzeria", "Deli", "Organics", "Farms", "Gallery", "Events", "Tutoring",
    };

    private const int MaxNames = 256;
    private const int JoinWindow = 160;

    private static readonly (Regex Rule, int MinWords)[] Rules = [(SameLine, 1), (SignOff, 1), (FullNameCued, 2), (BeforeDetails, 2), (Pair, 2)];

    private static void AddName(string text, Group name, int minWords, List<(int Start, int Length)> spans, HashSet<string> parts, int offset = 0)
    {
        var words = name.Value.Split(' ').Where(w => w.Length > 0).ToList();
        var skipped = 0;
        // Drop words that are not names from the start ("Please Kevin" never names "Please") and the end ("Hi Priya Thanks").
        // A business's name is not a person's ("Jordan Bakery Supply", "Cedar & Pine Studio", "Brightwater Goods Ltd").
        if (words.Exists(w => CompanyWords.Contains(w.TrimEnd('.', ',')))) return;
        while (words.Count > 0 && IsNotAName(words[0]))
        {
            skipped += words[0].Length + 1;
            words.RemoveAt(0);
        }
        while (words.Count > 0 && IsNotAName(words[^1])) words.RemoveAt(words.Count - 1);
        if (words.Count(w => !IsParticle(w)) < minWords || (skipped > 0 && minWords > 1)) return;
        var value = string.Join(' ', words);
        spans.Add((offset + name.Index + skipped, value.Length));
        foreach (var word in words.Where(w => w.Length > 2 && char.IsUpper(w[0]))) parts.Add(word.TrimEnd('.'));
    }

    // A line of capitalised words among the last three non-empty lines of a message of more than one line.
    private static void AddSignature(string text, List<(int Start, int Length)> spans, HashSet<string> parts)
    {
        var lines = new List<(int Start, int Length)>();
        for (int at = 0, next; at <= text.Length; at = next + 1)
        {
            next = text.IndexOf('\n', at);
            if (next < 0) next = text.Length;
            var line = text.AsSpan(at, next - at).TrimEnd('\r');
            if (!line.IsWhiteSpace()) lines.Add((at, line.Length));
        }
        if (lines.Count < 2) return;
        foreach (var (start, length) in lines.Skip(Math.Max(1, lines.Count - 3)))
        {
            var line = text.Substring(start, length);
            var match = SignatureLine.Match(line);
            if (!match.Success) match = DashSignature.Match(line);
            if (match.Success) AddName(text, match.Groups[1], 2, spans, parts, start);
        }
        // A single word signs the message on a last line of its own ("…\n\nPaco", "…ugh.\nMateo").
        var (lastStart, lastLength) = lines[^1];
        var single = SignatureWord.Match(text.Substring(lastStart, lastLength));
        if (single.Success && single.Groups[1].Length >= 3) AddName(text, single.Groups[1], 1, spans, parts, lastStart);
    }

    // A cue word, or a contraction ("It's", "I'm", "Don't"): names have no lower-case ending after an apostrophe.
    private static bool IsNotAName(string word)
    {
        if (NotNames.Contains(word.TrimEnd('.'))) return true;
        var apostrophe = word.LastIndexOfAny(['\'', '’']);
        return apostrophe > 0 && word[(apostrophe + 1)..] is "s" or "m" or "re" or "ll" or "ve" or "d" or "t";
    }

    private static bool IsParticle(string word) => word is "de" or "del" or "la" or "los" or "van" or "der" or "den" or "von" or "zu" or "ter" or "ten" or "da" or "di" or "du" or "do" or "dos" or "das" or "dei" or "della" or "bin" or "bint" or "al" or "el" or "le" or "y" or "e" or "i";

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
