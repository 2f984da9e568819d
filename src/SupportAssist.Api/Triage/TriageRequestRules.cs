using SupportAssist.Infrastructure.Triage;

namespace SupportAssist.Api.Triage;

/// <summary>What a ticket sent for triage must be; limits from <see cref="TriageOptions"/>.</summary>
public sealed class TriageRequestRules(IOptions<TriageOptions> triage)
{
    private static readonly string[] Channels = ["email", "chat", "web", "phone", "api"];

    public FieldErrors Check(TriageRequestBody? body)
    {
        var errors = new FieldErrors();
        if (body is null)
        {
            errors.MissingBody("'subject' and 'body'");
            return errors;
        }
        var settings = triage.Value;
        errors.RequiredText("subject", body.Subject, settings.MaxSubjectChars);
        errors.RequiredText("body", body.Body, settings.MaxBodyChars);
        errors.OneOf("channel", body.Channel, Channels);
        errors.Range("previousContacts", body.PreviousContacts, 0, 1000);
        if (body.Customer is { } customer)
        {
            errors.Plan("customer.plan", customer.Plan);
            errors.Country("customer.country", customer.Country);
            errors.Locale("customer.locale", customer.Locale);
        }
        return errors;
    }
}
