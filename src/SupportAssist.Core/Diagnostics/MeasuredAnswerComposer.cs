using System.Diagnostics;
using System.Runtime.CompilerServices;
using SupportAssist.Answering;

namespace SupportAssist.Diagnostics;

/// <summary>
/// Times the composer it wraps and traces each answer as a <c>compose</c> span: which composer wrote it, whether it
/// degraded or abstained. What the composer answers is unchanged.
/// </summary>
public sealed class MeasuredAnswerComposer(IAnswerComposer inner, SupportAssistMetrics metrics) : IAnswerComposer
{
    /// <summary>The <c>task</c> tag of end-user answers.</summary>
    public const string Task = "answer";

    /// <inheritdoc />
    public async Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        using var activity = SupportAssistTelemetry.Source.StartActivity("compose " + Task);
        var started = Stopwatch.GetTimestamp();
        ComposedAnswer? composed = null;
        try
        {
            composed = await inner.ComposeAsync(request, cancellationToken);
            return composed;
        }
        finally
        {
            Conclude(activity, started, composed);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The span ends with the final answer (or when the caller stops reading); text pieces pass through as they come.
        using var activity = SupportAssistTelemetry.Source.StartActivity("compose " + Task);
        var started = Stopwatch.GetTimestamp();
        ComposedAnswer? composed = null;
        try
        {
            await foreach (var update in inner.StreamAsync(request, cancellationToken))
            {
                if (update.Answer is not null) composed = update.Answer;
                yield return update;
            }
        }
        finally
        {
            Conclude(activity, started, composed);
        }
    }

    private void Conclude(Activity? activity, long started, ComposedAnswer? composed)
    {
        metrics.RecordComposition(Stopwatch.GetElapsedTime(started), Task, composed);
        Describe(activity, composed);
    }

    /// <summary>Tags a <c>compose</c> span with what came of it.</summary>
    internal static void Describe(Activity? activity, ComposedAnswer? composed)
    {
        if (activity is null) return;
        activity.SetTag("supportassist.composer", SupportAssistMetrics.ComposerTag(composed));
        if (composed is null)
        {
            activity.SetStatus(ActivityStatusCode.Error, "no answer was composed");
            return;
        }
        activity.SetTag("supportassist.composer.name", composed.Composer);
        activity.SetTag("supportassist.degraded", composed.Degraded);
        activity.SetTag("supportassist.abstained", composed.Abstained);
    }
}
