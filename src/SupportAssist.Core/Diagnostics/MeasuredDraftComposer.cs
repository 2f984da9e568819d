using System.Diagnostics;
using SupportAssist.Answering;
using SupportAssist.Drafting;

namespace SupportAssist.Diagnostics;

/// <summary>Times the draft composer it wraps and traces the reply and the summary as <c>compose</c> spans; what it writes is unchanged.</summary>
public sealed class MeasuredDraftComposer(IDraftComposer inner, SupportAssistMetrics metrics) : IDraftComposer
{
    /// <inheritdoc />
    public Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("draft_reply", () => inner.DraftReplyAsync(request, cancellationToken));

    /// <inheritdoc />
    public Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("summary", () => inner.SummarizeAsync(request, cancellationToken));

    private async Task<ComposedAnswer> MeasureAsync(string task, Func<Task<ComposedAnswer>> compose)
    {
        using var activity = SupportAssistTelemetry.Source.StartActivity("compose " + task);
        var started = Stopwatch.GetTimestamp();
        ComposedAnswer? composed = null;
        try
        {
            composed = await compose();
            return composed;
        }
        finally
        {
            metrics.RecordComposition(Stopwatch.GetElapsedTime(started), task, composed);
            MeasuredAnswerComposer.Describe(activity, composed);
        }
    }
}
