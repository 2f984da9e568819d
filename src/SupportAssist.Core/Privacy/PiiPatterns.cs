using System.Text.RegularExpressions;

namespace SupportAssist.Privacy;

/// <summary>
/// The candidate patterns. All run on .NET's non-backtracking engine, so the time to scan a text grows with
/// its length and nothing else (a 20 KB run of <c>a.a.a…@b</c> costs what any 20 KB costs); boundaries the
/// engine cannot express (what precedes a match) are checked in code.
/// </summary>
internal static class PiiPatterns
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private const RegexOptions LinearIgnoreCase = Linear | RegexOptions.IgnoreCase;

    public static readonly Regex SecretKey = new(
        @"\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{16,})", Linear);

    // A long run of letters and digits mixing both cases and digits, right after a word that names a secret.
    public static readonly Regex NamedSecret = new(
        @"\b(?:secret|secreto|password|contraseña|clave|api[ _-]?key|token|key|[a-z_]*_(?:secret|key|token|password))\b[^\n]{0,24}?[:=]\s*[A-Za-z0-9/+_=-]{20,}", LinearIgnoreCase);

    public static readonly Regex Bearer = new(@"\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*", LinearIgnoreCase);

    public static readonly Regex Jwt = new(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}", Linear);

    // RFC 5322 atext in the local part (apostrophes included), labels of letters, digits and inner hyphens.
    // Internationalised addresses too (RFC 6531: "josé@ejemplo.es", "用户@例子.中国").
    public static readonly Regex Email = new(
        @"[\p{L}\p{N}!#$%&*+/=?^_`{|}~-](?:[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{0,62}[\p{L}\p{N}!#$%&*+/=?^_`{|}~-])?@[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?)*\.\p{L}{2,24}", Linear);

    public static readonly Regex IbanStart = new(@"\b[A-Za-z]{2}[0-9]{2}", Linear);

    public static readonly Regex Card = new(@"\b[0-9](?:[ .-]?[0-9]){12,18}\b", Linear);

    public static readonly Regex Ssn = new(@"\b[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}\b", Linear);

    public static readonly Regex Nino = new(@"\b[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]\b", Linear);

    public static readonly Regex DniOrNie = new(@"\b(?:[0-9]{8}|[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}|[XYZxyz][- ]?[0-9]{7})[- ]?[A-Za-z]\b", Linear);

    public static readonly Regex CodiceFiscale = new(@"\b[A-Za-z]{6}[0-9]{2}[A-Za-z][0-9]{2}[A-Za-z][0-9]{3}[A-Za-z]\b", Linear);

    public static readonly Regex Nir = new(@"\b[12] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[ABab]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}\b", Linear);

    // Numbers that only mean a national id, a passport or a birth date next to a word that says so.
    public static readonly Regex SsnWord = new(@"\b(?:SSN|social security(?: number| no\.?)?|seguro social)\b", LinearIgnoreCase);
    public static readonly Regex BsnWord = new(@"\b(?:BSN|burgerservicenummer)\b", LinearIgnoreCase);
    public static readonly Regex PassportWord = new(@"\b(?:passport|pasaporte|passeport|reisepass|passaporto)\b", LinearIgnoreCase);
    public static readonly Regex BirthWord = new(
        @"\b(?:born|birth|birthday|birthdate|DOB|nacimiento|nací|naci|nacido|nacida|cumpleaños)\b|\bnac\.|\bD\.O\.B\.?", LinearIgnoreCase);

    // A word that names a secret or token, and the long random-looking value that follows it within a few words.
    public static readonly Regex SecretWord = new(
        @"\b(?:secret|secreto|(?:aws_)?secret_access_key|secret access key|password|contraseña|clave)\b", LinearIgnoreCase);
    public static readonly Regex TokenWord = new(@"\b(?:token|tokens)\b", LinearIgnoreCase);
    public static readonly Regex LongToken = new(@"[A-Za-z0-9/+_=-][A-Za-z0-9/+_=.-]{18,}[A-Za-z0-9/+_=-]", Linear);

    // A password: what follows a word naming one (after ':' or '=' or "is"), or a run mixing character classes near it.
    public static readonly Regex PasswordWord = new(@"\b(?:password|passwd|pwd|passcode|contraseña|clave|pass)\b", LinearIgnoreCase);
    public static readonly Regex StatedPassword = new(
        @"\b(?:password|passwd|pwd|passcode|contraseña|clave)\b(?: (?:is|es|was|era))?(?: *[:=] *| (?:is|es|was|era) )[^\s""“”'‘’]{4,64}", LinearIgnoreCase);
    public static readonly Regex PasswordLike = new(@"[^\s()""“”'‘’,;:]{8,64}", Linear);

    public static readonly Regex NineDigits = new(@"\b[0-9]{9}\b|\b[0-9]{4}\.[0-9]{2}\.[0-9]{3}\b", Linear);
    // Passport numbers are 6-10 upper-case letters and digits with at least two digits (checked in code).
    public static readonly Regex PassportNumber = new(@"\b[A-Z0-9]{6,10}\b", Linear);

    private const string Months =
        "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
        + "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre";

    public static readonly Regex Date = new(
        @"\b(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}[/.-][0-9]{2}[/.-][0-9]{2}"
        + @"|[0-9]{1,2}(?:st|nd|rd|th|º)?(?: of| de)? (?:" + Months + @")\.?,?(?: de| del)? [0-9]{4}"
        + @"|(?:" + Months + @")\.? [0-9]{1,2}(?:st|nd|rd|th)?,? [0-9]{4})\b", LinearIgnoreCase);

    public static readonly Regex NotAPhoneWord = new(
        @"\b(?:order|orders|tracking|seguimiento|pedido|ID|ref|reference|referencia|invoice|factura|ticket|case|caso|terminal|serial|transaction|transacción|dispute|disputa|número de pedido|guía|rastreo|operación|operation|N°|Nº|CUIT|CUIL|CIF|NIF|VAT|IVA|RFC|RUT|NIT|EIN|TIN|IP|PO)\b[^\n]{0,24}$", LinearIgnoreCase);

    public static readonly Regex Phone = new(@"(?:\+|\b)[0-9][0-9 ().-]{6,20}[0-9]", Linear);

    // A phone number written as bare digits counts next to a word that says it is one ("call me on 07700900123").
    public static readonly Regex PhoneWord = new(
        @"\b(?:call(?: me)?|phone|tel|telephone|mobile|cell|whatsapp|my number|reach me|text me|móvil|movil|teléfono|telefono|tlf|llámame|llamame|llamadme|mi número|mi numero)\b", LinearIgnoreCase);
    public static readonly Regex BareDigits = new(@"\b[0-9]{9,15}\b", Linear);

    // A card's security code next to the word for it: never stored, whatever else the message holds.
    public static readonly Regex CardCodeWord = new(@"\b(?:cvv2?|cvc2?|cid|security code|código de seguridad|codigo de seguridad)\b", LinearIgnoreCase);
    public static readonly Regex CardCode = new(@"\b[0-9]{3,4}\b", Linear);

    public static readonly Regex IpAddress = new(@"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$", Linear);

    public static readonly Regex IsoOrDottedDate = new(@"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}\.[0-9]{2}\.[0-9]{4}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}", Linear);

    private const string StreetWord = "Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Row|Mews|Gardens|Grove|Park|Walk";
    private const string CapitalWord = @"[\p{Lu}][\p{Ll}'’.-]+";
    private const string Direction = "(?:N|S|E|W|NE|NW|SE|SW)";

    // English-speaking: "221B Baker Street, London NW1 6XE", "Flat 3, 25 Queen's Road", "900 W Madison St, Chicago, IL 60607".
    public static readonly Regex EnglishAddress = new(
        @"(?:(?:\b(?:Flat|Apt|Apartment|Unit|Suite) [0-9A-Za-z]{1,5},? )?\b[0-9]{1,5}[A-Za-z]? (?:" + Direction + " )?(?:" + CapitalWord + @" ){1,4}(?:" + StreetWord + @")\b\.?(?: " + Direction + @"\b)?"
        + @"|\b(?:Flat|Apt|Apartment|Unit|Suite) [0-9A-Za-z]{1,5},? (?:" + CapitalWord + @" ){1,4}(?:" + StreetWord + @"|Estate|Centre|Center|House|Building)\b)"
        + @"(?:,? (?:Apt|Apartment|Suite|Unit|Flat|Fl)\.? ?[0-9A-Za-z-]{1,6})?"
        , Linear);

    // Spanish-speaking: "Calle Mayor 12, 3º B, 28013 Madrid", "C/ de Sants 45", "Av. Insurgentes Sur 1602, Col. Crédito Constructor".
    public static readonly Regex SpanishAddress = new(
        // A street type is a whole word ("called the …" holds no "calle"), or an abbreviation ending in '.' or '/'.
        @"\b(?:(?:[Cc]alle|[Aa]venida|[Aa]vda|[Pp]aseo|[Pp]laza|[Pp]za|[Cc]amino|[Cc]arrer|[Cc]arretera|[Cc]tra|[Rr]onda|[Tt]ravesía|[Gg]lorieta|[Rr]úa|[Rr]ua|[Cc]arrera|[Cc]ra|[Dd]iagonal|[Tt]ransversal|[Jj]irón|[Pp]asaje|"
        + @"Via|Viale|Piazza|Corso|Largo)\b\.?|[Cc]/|[Aa]v\.|Pº|Jr\.|[Pp]sje\.)"
        + @" ?(?:[\p{L}'’.-]+ ){0,5}(?:n\.?º ?|# ?)?[0-9]{1,4}[A-Za-z]?(?:-[0-9]{1,3})?(?: ?(?:#|[Nn]o\.|n\.?º) ?[0-9]{1,4}[A-Za-z]?(?: (?:Sur|Norte|Este|Oeste|Bis))?(?: ?- ?[0-9]{1,3})?)?(?:,? ?[0-9]{1,2}[ºª](?: ?[A-Za-z]\b)?(?: (?:izq|izda|dcha|der)\.?)?)?"
        , Linear);

    // German, Dutch and French: "Hauptstraße 5, 10115 Berlin", "12 rue de Rivoli, 75001 Paris".
    public static readonly Regex ContinentalAddress = new(
        @"\b(?:[\p{Lu}][\p{L}-]*(?:straße|strasse|weg|platz|allee|gasse|ring|damm|gracht|straat|laan|plein|kade|dijk|steeg) [0-9]{1,4}(?:[a-z]\b|-[A-Za-z0-9]{1,3}\b)?"
        + @"|[0-9]{1,4}(?: ?(?:bis|ter))?,? (?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]llée|[Qq]uai|[Ii]mpasse|[Cc]ours) (?:[\p{L}'’-]+ ?){1,5})"
        , Linear);

    // What may follow a street and number, segment by segment (see PiiRedactor.ExtendAddress): a floor or door, a
    // unit, a neighbourhood, a postcode, a city, a state's abbreviation.
    public static readonly Regex AddressUnit = new(
        @"^(?:piso|planta|bajo|bajos|entresuelo|entlo\.?|ático|atico|puerta|pta\.?|esc\.?|escalera|torre|apto\.?|apartamento|apt\.?|apartment|depto\.?|dpto\.?|departamento|"
        + @"oficina|of\.|local|interior|int\.|bloque|portal|suite|ste\.?|unit|flat|floor|fl\.?|casa|manzana|mz\.?|lote|edificio|edif\.?|building|bldg\.?|bâtiment|bât\.?|étage|stock|etage)"
        + @"(?: ?(?:n\.?º|#|no\.)? ?[0-9A-Za-z]{1,5}[ºª°]?\b\.?)?", LinearIgnoreCase);
    public static readonly Regex AddressFloor = new(
        @"^[0-9]{1,2}(?:[ºª°]|\.|t|r|n|o|er|ème|e|st|nd|rd|th)(?: ?(?:[A-Za-z]{1,2}|[0-9]{1,2}[ºªa°]?|OG|EG|izq|izqda|izda|dcha|der|dch)\b\.?)?(?: (?:izq|izqda|izda|dcha|der|dch|floor|planta|piso)\b\.?)?", Linear);
    public static readonly Regex AddressPostcode = new(
        @"^(?:[A-Z]{2} [0-9]{5}(?:-[0-9]{4})?|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|[A-Z][0-9]{2} ?[A-Z0-9]{4}|[0-9]{4} ?[A-Z]{2}|[A-Z][0-9]{4}(?:[A-Z]{3})?|[0-9]{4,5}(?:-[0-9]{3,4})?|C\.?P\.? ?[0-9]{5})\b", Linear);
    public static readonly Regex AddressArea = new(@"^(?:Col\.|Colonia|Barrio|Bº|Urb\.|Urbanización|Fracc\.|Fraccionamiento) [\p{Lu}][\p{L}'’-]*(?: (?:de |del |la )?[\p{Lu}][\p{L}'’-]*){0,3}", Linear);
    // A city: capitalised words (or an all-capitals one of three to five letters, "CABA"), with the articles and
    // particles cities have ("A Coruña", "Santiago de Compostela", "Los Angeles"), a district ("Dublin 2"), "D.C.".
    private const string PlaceWord = @"(?:[\p{Lu}][\p{Ll}'’-]+|[\p{Lu}]{3,5}\b)";
    public static readonly Regex AddressCity = new(
        @"^(?:(?:A|O|El|La|Las|Los|Le|Les|L') )?" + PlaceWord + "(?: (?:de |del |de la |la |am |an der |upon |sur |on )?" + PlaceWord + @"){0,3}(?: [A-Z]\.[A-Z]\.| [0-9]{1,2}\b)?", Linear);
    public static readonly Regex AddressState = new(@"^(?:[A-Z]{2,4}\b|[A-Z][a-z]{1,3}\.|[A-Z]\.[A-Z]\.)", Linear);
}
