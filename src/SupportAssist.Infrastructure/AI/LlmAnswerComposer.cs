using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using SupportAssist.Answering;
using SupportAssist.Policy;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// End-user answers written by the configured language model from the <c>deflection-answer</c> prompt: the prompt's
/// arguments, the call, and the reply read back as an answer whose citations quote the passages given. Abstention and
/// what a stream may show follow <see cref="GroundingRule"/>. A model that fails (down, slow, rate limited, circuit
/// open) raises <see cref="LanguageModelUnavailableException"/> from <see cref="LanguageModel"/>, for
/// <see cref="FallbackAnswerComposer"/> to answer instead.
/// </summary>
public sealed class LlmAnswerComposer(LanguageModel model, PromptDefinition prompt, LlmOptions options) : IAnswerComposer
{
    public async Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await model.CompleteAsync(prompt, Arguments(request), Data(request), cancellationToken);
        return Interpret(request, reply.Text, reply.Model, reply.Usage);
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stream = new GroundedReply(request.Passages.Select(p => p.Number).ToHashSet());
        ModelPiece last = default;
        await using (var pieces = model.StreamAsync(prompt, Arguments(request), Data(request), cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                if (!await pieces.MoveNextAsync()) break;
                last = pieces.Current;
                if (last.Text is null) continue;
                var show = stream.Append(last.Text);
                if (show.Length > 0) yield return AnswerUpdate.Text(show);
            }
        }
        var answer = Interpret(request, stream.Text, last.Model ?? model.ModelId, last.Usage);
        var ending = stream.Complete();
        if (ending.Rest.Length > 0) yield return AnswerUpdate.Text(ending.Rest);
        if (ending.Withdraw) yield return AnswerUpdate.Withdraw();
        yield return AnswerUpdate.Final(answer);
    }

    private ComposedAnswer Interpret(AnswerRequest request, string reply, string modelName, TokenUsage? usage)
    {
        var text = reply.Trim();
        var composer = model.ComposerOf(modelName);
        var promptVersion = $"{prompt.Name}@{prompt.Version}";
        if (GroundingRule.IsAbstention(text))
            return new ComposedAnswer("", AnswerMode.Generated, [], "the model found no answer in the passages") { Composer = composer, Prompt = promptVersion, Usage = usage };
        return new ComposedAnswer(text, AnswerMode.Generated, CitationQuotes.Of(text, request.Passages), null) { Composer = composer, Prompt = promptVersion, Usage = usage };
    }

    private KernelArguments Arguments(AnswerRequest request) => new()
    {
        ["company"] = options.Company,
        ["language"] = request.Language,
        ["max_sentences"] = options.MaxAnswerSentences.ToString(CultureInfo.InvariantCulture),
    };

    private static string Data(AnswerRequest request) => PromptData.Passages(request.Passages, showAudience: false) + "\n\n" + PromptData.Question(request.Question);
}
