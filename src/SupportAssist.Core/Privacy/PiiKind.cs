namespace SupportAssist.Privacy;

/// <summary>Kinds of personal or secret data the redactor finds.</summary>
public enum PiiKind
{
    /// <summary>An email address.</summary>
    Email,

    /// <summary>A payment card number (13-19 digits of a card network's range, passing the Luhn check).</summary>
    CardNumber,

    /// <summary>An IBAN (country code, check digits, the country's length; mod-97 valid).</summary>
    Iban,

    /// <summary>A phone number (international, or 9-15 digits in groups).</summary>
    Phone,

    /// <summary>A secret credential: a live or test secret or restricted key, a webhook signing secret, a cloud or repository token.</summary>
    SecretKey,

    /// <summary>A bearer token (what follows <c>Bearer</c>, or a JSON web token anywhere).</summary>
    BearerToken,

    /// <summary>A person's name, found by its context or known from the ticket, and its parts wherever they recur.</summary>
    Name,

    /// <summary>A street address (number and street, with a postcode and city when given).</summary>
    Address,

    /// <summary>A date the text says is a birth date.</summary>
    DateOfBirth,

    /// <summary>A national identity number: US SSN, UK National Insurance, Spanish DNI and NIE, Dutch BSN, Italian codice fiscale, French NIR.</summary>
    NationalId,

    /// <summary>A passport number, next to a word that says so.</summary>
    Passport,
}
