using System.Text.Json.Serialization;

namespace SupportAssist.Privacy;

/// <summary>Kinds of personal or secret data the redactor finds.</summary>
// Named explicitly: triage results and cases store these names, so renaming a member must not change them.
public enum PiiKind
{
    /// <summary>An email address.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>A payment card number (13-19 digits of a card network's range, passing the Luhn check).</summary>
    [JsonStringEnumMemberName("card_number")]
    CardNumber,

    /// <summary>An IBAN (country code, check digits, the country's length; mod-97 valid).</summary>
    [JsonStringEnumMemberName("iban")]
    Iban,

    /// <summary>A phone number (international, or 9-15 digits in groups).</summary>
    [JsonStringEnumMemberName("phone")]
    Phone,

    /// <summary>A secret credential: a live or test secret or restricted key, a webhook signing secret, a cloud or repository token.</summary>
    [JsonStringEnumMemberName("secret_key")]
    SecretKey,

    /// <summary>A bearer token (what follows <c>Bearer</c>, or a JSON web token anywhere).</summary>
    [JsonStringEnumMemberName("bearer_token")]
    BearerToken,

    /// <summary>A person's name, found by its context or known from the ticket, and its parts wherever they recur.</summary>
    [JsonStringEnumMemberName("name")]
    Name,

    /// <summary>A street address (number and street, with a postcode and city when given).</summary>
    [JsonStringEnumMemberName("address")]
    Address,

    /// <summary>A date the text says is a birth date.</summary>
    [JsonStringEnumMemberName("date_of_birth")]
    DateOfBirth,

    /// <summary>A national identity number: US SSN, UK National Insurance, Spanish DNI and NIE, Dutch BSN, Italian codice fiscale, French NIR.</summary>
    [JsonStringEnumMemberName("national_id")]
    NationalId,

    /// <summary>A passport number, next to a word that says so.</summary>
    [JsonStringEnumMemberName("passport")]
    Passport,
}
