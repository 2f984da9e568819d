using SupportAssist.Drafting;

namespace SupportAssist.Api.Drafts;

/// <summary>What a draft request and an agent's verdict on a draft must be; limits from <see cref="DraftOptions"/> and <see cref="LimitsOptions"/>.</summary>
public sealed class DraftRequestRules(IOptions<DraftOptions> drafts, IOptions<LimitsOptions> limits)
{
    private static readonly string[] Roles = ["customer", "agent"];

    public FieldErrors Check(DraftRequestBody? body)
    {
        var errors = new FieldErrors();
        if (body is null)
        {
            errors.MissingBody("'subject' and 'body'");
            return errors;
        }
        var settings = drafts.Value;
        errors.RequiredText("subject", body.Subject, settings.MaxSubjectChars);
        errors.RequiredText("body", body.Body, settings.MaxMessageChars);
        errors.MaxCount("thread", body.Thread, settings.MaxThreadMessages, "messages");
        for (var i = 0; !errors.Has("thread") && i < (body.Thread?.Count ?? 0); i++)
        {
            if (body.Thread![i] is not { } message)
            {
                errors.Add($"thread[{i}]", "must be an object with 'role' and 'text'");
                continue;
            }
            errors.OneOf($"thread[{i}].role", message.Role, Roles, required: true);
            errors.RequiredText($"thread[{i}].text", message.Text, settings.MaxMessageChars);
        }
        if (body.Customer is { } customer)
        {
            errors.PersonName("customer.name", customer.Name);
            errors.Plan("customer.plan", customer.Plan);
            errors.Country("customer.country", customer.Country);
            errors.Locale("customer.locale", customer.Locale);
        }
        return errors;
    }

    /// <summary>The feedback's kind when it is valid, and the errors.</summary>
    public (DraftFeedbackKind? Kind, FieldErrors Errors) Check(DraftFeedbackBody? body)
    {
        var errors = new FieldErrors();
        var kind = Verdict(errors, body?.Kind, body?.FinalText);
        errors.MaxChars("comment", body?.Comment, limits.Value.MaxCommentChars);
        errors.PersonName("customerName", body?.CustomerName);
        return (kind, errors);
    }

    /// <summary>
    /// What the agent did with a draft (here, or as a case's reply): <c>kind</c>, and <c>finalText</c> exactly when
    /// the draft was edited, no longer than a message.
    /// </summary>
    public DraftFeedbackKind? Verdict(FieldErrors errors, string? kindName, string? finalText)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var kind = errors.Named<DraftFeedbackKind>("kind", kindName);
        if (kind == DraftFeedbackKind.Edited && string.IsNullOrWhiteSpace(finalText)) errors.Add("finalText", "is required when kind is 'edited': the reply the agent sent");
        else if (kind is not null and not DraftFeedbackKind.Edited && finalText is not null) errors.Add("finalText", "is only taken when kind is 'edited'");
        else errors.MaxChars("finalText", finalText, drafts.Value.MaxMessageChars);
        return kind;
    }
}
