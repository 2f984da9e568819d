using SupportAssist.Deflection;
using SupportAssist.Outcomes;

namespace SupportAssist.Api.Deflections;

/// <summary>What a deflection request and its feedback must be; limits from <see cref="DeflectionOptions"/> and <see cref="LimitsOptions"/>.</summary>
public sealed class DeflectionRequestRules(IOptions<DeflectionOptions> deflection, IOptions<LimitsOptions> limits)
{
    public FieldErrors Check(DeflectionRequestBody? body)
    {
        var errors = new FieldErrors();
        if (body is null)
        {
            errors.MissingBody("'question'");
            return errors;
        }
        errors.RequiredText("question", body.Question, deflection.Value.MaxQuestionChars);
        errors.Locale("locale", body.Locale);
        errors.ProductArea("productArea", body.ProductArea);
        errors.Plan("customerPlan", body.CustomerPlan);
        errors.Token("sessionId", body.SessionId);
        return errors;
    }

    /// <summary>The feedback's kind when it is valid, and the errors.</summary>
    public (DeflectionFeedbackKind? Kind, FieldErrors Errors) Check(DeflectionFeedbackBody? body)
    {
        var errors = new FieldErrors();
        var kind = errors.Named<DeflectionFeedbackKind>("kind", body?.Kind);
        errors.MaxChars("comment", body?.Comment, limits.Value.MaxCommentChars);
        return (kind, errors);
    }
}
