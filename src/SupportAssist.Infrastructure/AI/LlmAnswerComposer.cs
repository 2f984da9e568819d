using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using SupportAssist.Answering;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// End-user answers written by the configured language model from the <c>deflection-answer</c> prompt. The model
/// may abstain (<c>ABSTAIN</c>); its citations are read back against the passages given. When the model fails
/// (down, slow, rate-limited, circuit open) the extractive composer answers instead, marked degraded.
/// Streaming shows text only up to the last valid citation, so uncited or invented claims are never shown
/// before the final check.
/// </summary>
public sealed partial class LlmAnswerComposer(
    LanguageModel model, PromptDefinition prompt, ExtractiveComposer fallback, LlmOptions options, ILogger<LlmAnswerComposer> logger) : IAnswerComposer
{
    private const string Abstain = "ABSTAIN";

    public async Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var reply = await model.CompleteAsync(prompt, Arguments(request), Data(request), cancellationToken);
            return Interpret(request, reply.Text, reply.Model, reply.Usage);
        }
        catch (LanguageModelUnavailableException error)
        {
            return await FallBackAsync(request, error, cancellationToken);
        }
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var offered = request.Passages.Select(p => p.Number).ToHashSet();
        var text = new StringBuilder();
        var shown = 0;
        var decided = false;
        var held = false;
        ModelPiece last = default;
        LanguageModelUnavailableException? failure = null;
        await using (var pieces = model.StreamAsync(prompt, Arguments(request), Data(request), cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                try
                {
                    if (!await pieces.MoveNextAsync()) break;
                }
                catch (LanguageModelUnavailableException error)
                {
                    failure = error;
                    break;
                }
                last = pieces.Current;
                if (last.Text is null) continue;
                text.Append(last.Text);
                if (!decided)
                {
                    var start = text.ToString().TrimStart();
                    if (start.Length < Abstain.Length && Abstain.StartsWith(start, StringComparison.Ordinal)) continue;
                    decided = true;
                    held = start.StartsWith(Abstain, StringComparison.Ordinal);
                }
                if (held) continue;
                var (cut, invalid) = ShowableEnd(text.ToString(), shown, offered);
                held = invalid;
                if (cut > shown)
                {
                    yield return AnswerUpdate.Text(text.ToString(shown, cut - shown));
                    shown = cut;
                }
            }
        }
        if (failure is not null)
        {
            if (shown > 0) yield return AnswerUpdate.Withdraw();
            var degraded = await FallBackAsync(request, failure, cancellationToken);
            if (!degraded.Abstained)
            {
                foreach (var piece in AnswerPieces.Of(degraded.Text)) yield return AnswerUpdate.Text(piece);
            }
            yield return AnswerUpdate.Final(degraded);
            yield break;
        }
        var answer = Interpret(request, text.ToString(), last.Model ?? model.ModelId, last.Usage);
        var grounded = !answer.Abstained && CitationCheck.Of(answer.Text, offered).IsGrounded;
        if (grounded)
        {
            // Show what is still held back (text after the last citation), without trailing whitespace.
            var rest = text.ToString(shown, text.Length - shown).TrimEnd();
            if (rest.Length > 0) yield return AnswerUpdate.Text(rest);
        }
        else if (shown > 0) yield return AnswerUpdate.Withdraw();
        yield return AnswerUpdate.Final(answer);
    }

    // Where the text may be shown up to: the end of the last citation marker after 'shown' whose numbers were all
    // offered, with the punctuation right after it ("... days [1]."), once a character after the marker has
    // arrived; 'invalid' when a marker cites a number that was not (nothing after it is shown).
    private static (int Cut, bool Invalid) ShowableEnd(string text, int shown, HashSet<int> offered)
    {
        var cut = shown;
        foreach (Match marker in Marker().Matches(text, shown))
        {
            var numbers = marker.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
            if (!numbers.All(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && offered.Contains(number)))
                return (cut, true);
            var end = marker.Index + marker.Length;
            while (end < text.Length && text[end] is '.' or '!' or '?' or ';' or ':' or ',') end++;
            if (end < text.Length) cut = end;
        }
        return (cut, false);
    }

    private ComposedAnswer Interpret(AnswerRequest request, string reply, string modelName, TokenUsage? usage)
    {
        var text = reply.Trim();
        var meta = (Composer: model.ComposerOf(modelName), Prompt: $"{prompt.Name}@{prompt.Version}");
        if (text.StartsWith(Abstain, StringComparison.Ordinal))
            return new ComposedAnswer("", AnswerMode.Generated, [], "the model found no answer in the passages") { Composer = meta.Composer, Prompt = meta.Prompt, Usage = usage };
        return new ComposedAnswer(text, AnswerMode.Generated, CitationQuotes.Of(text, request.Passages), null) { Composer = meta.Composer, Prompt = meta.Prompt, Usage = usage };
    }

    private async Task<ComposedAnswer> FallBackAsync(AnswerRequest request, LanguageModelUnavailableException error, CancellationToken cancellationToken)
    {
        var reason = error.Reason;
        LogDegraded(logger, model.Name, reason, error.InnerException?.GetType().Name ?? nameof(LanguageModelUnavailableException));
        var answer = await fallback.ComposeAsync(request, cancellationToken);
        return answer with { DegradedReason = $"{model.Name}: {reason}" };
    }

    private KernelArguments Arguments(AnswerRequest request) => new()
    {
        ["company"] = options.Company,
        ["language"] = request.Language,
        ["max_sentences"] = options.MaxAnswerSentences.ToString(CultureInfo.InvariantCulture),
    };

    private static string Data(AnswerRequest request) => PromptData.Passages(request.Passages, showAudience: false) + "\n\n" + PromptData.Question(request.Question);

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    private static partial Regex Marker();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model {Model} could not answer ({Reason}, {ErrorType}); the extractive composer answers instead")]
    private static partial void LogDegraded(ILogger logger, string model, string reason, string errorType);
}
