using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenAI.Chat;
using SupportAssist.Answering;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// The configured chat model behind Semantic Kernel, built once. A call renders a prompt file's template into the
/// system message (instructions only) and sends the data (passages, question, ticket) as a separate user
/// message, delimited by tags, so the template engine never touches customer text. Its timeouts run on
/// <paramref name="clock"/>.
/// </summary>
public sealed partial class LanguageModel(Kernel kernel, string provider, string model, LlmOptions options, TimeProvider clock, ILogger<LanguageModel> logger)
{
    private static readonly KernelPromptTemplateFactory Templates = new();

    /// <summary>Provider and model, as recorded in outcomes: <c>openai:gpt-4o-mini</c>.</summary>
    public string Name => $"{provider}:{model}";

    /// <summary>The configured model id (for Azure OpenAI, the deployment).</summary>
    public string ModelId => model;

    /// <summary>The composer name recorded for a reply from <paramref name="modelId"/> (the id the server reported): <c>provider:model</c>.</summary>
    public string ComposerOf(string modelId) => $"{provider}:{modelId}";

    /// <summary>Sends <paramref name="prompt"/> rendered with <paramref name="arguments"/>, then <paramref name="data"/>, and waits for the whole reply.</summary>
    public async Task<ModelReply> CompleteAsync(PromptDefinition prompt, KernelArguments arguments, string data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var history = await HistoryAsync(prompt, arguments, data, cancellationToken);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        // The resilience handler's timeouts end when the headers arrive and the SDK reads the body after that:
        // the whole call, body included, is bounded here by the total timeout.
        using var totalTimer = new CancellationTokenSource(TimeSpan.FromSeconds(options.Resilience.TotalTimeoutSeconds), clock);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, totalTimer.Token);
        Microsoft.SemanticKernel.ChatMessageContent reply;
        try
        {
            reply = await chat.GetChatMessageContentAsync(history, prompt.Config.DefaultExecutionSettings, kernel, total.Token);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(new TimeoutException("the reply took longer than the total timeout", error));
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(error);
        }
        var usage = UsageOf(reply.Metadata);
        LogCall(logger, prompt.Name, Name, usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0);
        return new ModelReply(reply.Content ?? "", reply.ModelId ?? model, usage);
    }

    /// <summary>
    /// As <see cref="CompleteAsync"/>, streamed as the model writes; the usage, when the server reports it, comes
    /// last. The resilience handler's timeouts end when the response headers arrive, so the body is bounded here
    /// by the same settings: the whole stream by the total timeout (retries before the first piece included),
    /// and, once pieces flow, no piece for an attempt timeout fails the call. Every provider failure
    /// (<see cref="ProviderFailure"/>) reaches the caller as a <see cref="LanguageModelUnavailableException"/>.
    /// </summary>
    public async IAsyncEnumerable<ModelPiece> StreamAsync(PromptDefinition prompt, KernelArguments arguments, string data, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var history = await HistoryAsync(prompt, arguments, data, cancellationToken);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var idle = TimeSpan.FromSeconds(options.Resilience.AttemptTimeoutSeconds);
        using var totalTimer = new CancellationTokenSource(TimeSpan.FromSeconds(options.Resilience.TotalTimeoutSeconds), clock);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, totalTimer.Token);
        using var idleTimer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(total.Token, idleTimer.Token);
        TokenUsage? usage = null;
        string? modelId = null;
        await using var updates = chat.GetStreamingChatMessageContentsAsync(history, prompt.Config.DefaultExecutionSettings, kernel, stalled.Token)
            .GetAsyncEnumerator(stalled.Token);
        var started = false;
        while (true)
        {
            // Before the first piece the retry pipeline may be waiting (backoff, Retry-After): only the total applies.
            if (started) idleTimer.CancelAfter(idle);
            bool more;
            try
            {
                more = await updates.MoveNextAsync();
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unavailable(new TimeoutException(total.IsCancellationRequested ? "the streamed reply took longer than the total timeout" : "the stream stalled past the attempt timeout", error));
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unavailable(error);
            }
            if (!more) break;
            started = true;
            var update = updates.Current;
            usage = UsageOf(update.Metadata) ?? usage;
            modelId ??= update.ModelId;
            if (!string.IsNullOrEmpty(update.Content)) yield return new ModelPiece(update.Content, null, null);
        }
        LogCall(logger, prompt.Name, Name, usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0);
        yield return new ModelPiece(null, usage, modelId ?? model);
    }

    /// <summary>The estimated cost of <paramref name="input"/> and <paramref name="output"/> tokens at the configured prices, or null.</summary>
    public decimal? CostOf(int input, int output) =>
        options.InputPricePerMillionTokens is { } inputPrice && options.OutputPricePerMillionTokens is { } outputPrice
            ? Math.Round((input * inputPrice + output * outputPrice) / 1_000_000m, 6)
            : null;

    // Only the SDK's call is inside these catches: whatever it throws (the network, a status, a reply it cannot read)
    // is the provider's failure. The caller sees our own few words and the model; the provider's text stays in the
    // inner exception, for the log.
    private LanguageModelUnavailableException Unavailable(Exception error) => new(Name, ProviderFailure.Describe(error), error);

    private async Task<ChatHistory> HistoryAsync(PromptDefinition prompt, KernelArguments arguments, string data, CancellationToken cancellationToken)
    {
        var system = await Templates.Create(prompt.Config).RenderAsync(kernel, arguments, cancellationToken);
        var history = new ChatHistory();
        history.AddSystemMessage(system);
        history.AddUserMessage(data);
        return history;
    }

    private TokenUsage? UsageOf(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata is not null && metadata.TryGetValue("Usage", out var value) && value is ChatTokenUsage usage
            ? new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount, CostOf(usage.InputTokenCount, usage.OutputTokenCount))
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Prompt {Prompt} answered by {Model}: {InputTokens} input and {OutputTokens} output tokens")]
    private static partial void LogCall(ILogger logger, string prompt, string model, int inputTokens, int outputTokens);
}
