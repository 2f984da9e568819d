using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using SupportAssist.Answering;
using SupportAssist.Drafting;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// The LLM judge of the drafting eval (<c>draft-judge</c> prompt): grades a draft's groundedness in the passages it
/// was given and its relevance to the ticket. A reply that is not the JSON asked for gives no grades.
/// </summary>
public sealed partial class DraftJudge(LanguageModel model, PromptDefinition prompt, LlmOptions options)
{
    /// <summary>The grades, or null when the model's reply could not be read.</summary>
    public async Task<DraftGrades?> GradeAsync(Ticket ticket, IReadOnlyList<Passage> passages, string draft, CancellationToken cancellationToken)
    {
        var data = PromptData.Ticket(ticket) + "\n\n" + PromptData.Passages(passages, showAudience: true) + "\n\n<draft>\n" + Tag().Replace(draft, "[tag removed]") + "\n</draft>";
        var reply = await model.CompleteAsync(prompt, new KernelArguments { ["company"] = options.Company }, data, cancellationToken);
        var json = Json().Match(reply.Text);
        if (!json.Success) return null;
        try
        {
            using var document = JsonDocument.Parse(json.Value);
            var root = document.RootElement;
            if (!root.TryGetProperty("groundedness", out var g) || !root.TryGetProperty("relevance", out var r)
                || g.ValueKind != JsonValueKind.Number || r.ValueKind != JsonValueKind.Number || !g.TryGetDouble(out var grounded) || !r.TryGetDouble(out var relevant)) return null;
            if (grounded is < 1 or > 5 || relevant is < 1 or > 5) return null;
            return new DraftGrades((grounded - 1) / 4, (relevant - 1) / 4);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Json();

    [GeneratedRegex(@"<\s*/?\s*draft\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();
}
