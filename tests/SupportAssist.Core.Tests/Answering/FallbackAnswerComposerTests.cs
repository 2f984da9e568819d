using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;

namespace SupportAssist.Core.Tests.Answering;

public sealed class FallbackAnswerComposerTests
{
    private static readonly Degradation Down = new("openai:gpt-test", "timed out");
    private static readonly AnswerRequest Request = new("How long does a refund take?",
        [new Passage(1, new Chunk("refunds#0", "refunds", 0, "Refund timing", null, "Refund timing", "Refunds take 5 to 10 days.", "hash", ArticleAudience.Public, "en", null))]);

    // What the fallback (the extractive composer, in the service) answers.
    private static readonly ComposedAnswer Extractive = new("Refunds take 5 to 10 days. [1]", AnswerMode.Extractive, [], null);

    // What the primary (a language model, in the service) answers when it can.
    private static readonly ComposedAnswer Generated = new("Refunds take 5 days [1].", AnswerMode.Generated, [], null) { Composer = "openai:gpt-test" };

    private static FallbackAnswerComposer Composer(string script) =>
        new(new ScriptedComposer(script, Generated), new ScriptedComposer("final", Extractive), NullLogger<FallbackAnswerComposer>.Instance);

    [Theory]
    // the primary's script -> the answer's mode and degradation
    [InlineData("final", AnswerMode.Generated, false)]
    [InlineData("down", AnswerMode.Extractive, true)]
    public async Task Composes_with_the_primary_and_falls_back_when_its_dependency_is_down(string script, AnswerMode mode, bool degraded)
    {
        var answer = await Composer(script).ComposeAsync(Request, CancellationToken.None);

        Assert.Equal(mode, answer.Mode);
        Assert.Equal(degraded ? Down : null, answer.Degradation);
        Assert.Equal(degraded ? "openai:gpt-test: timed out" : null, answer.DegradedReason);
    }

    [Theory]
    [InlineData("bug", typeof(InvalidOperationException))]
    [InlineData("cancelled", typeof(OperationCanceledException))]
    public async Task Any_other_failure_is_not_a_dependency_failure_and_is_not_caught(string script, Type expected)
    {
        var error = await Record.ExceptionAsync(() => Composer(script).ComposeAsync(Request, CancellationToken.None));

        Assert.IsType(expected, error);
    }

    [Theory]
    // the primary's stream (t:text, w:withdraw, final, down, bug) -> what the caller receives (F:final answer, with its mode)
    [InlineData("t:Refunds |t:take 5 days [1].|final", "t:Refunds |t:take 5 days [1].|F:Generated")]
    [InlineData("t:Refunds |t:take 5 days [1].|w|final", "t:Refunds |t:take 5 days [1].|w|F:Generated")]
    [InlineData("down", "t:Refunds |t:take |t:5 |t:to |t:10 |t:days. |t:[1]|F:Extractive degraded")]
    [InlineData("t:Refunds |t:take 5 days [1].|down", "t:Refunds |t:take 5 days [1].|w|t:Refunds |t:take |t:5 |t:to |t:10 |t:days. |t:[1]|F:Extractive degraded")]
    [InlineData("t:Refunds |w|down", "t:Refunds |w|t:Refunds |t:take |t:5 |t:to |t:10 |t:days. |t:[1]|F:Extractive degraded")]
    public async Task A_stream_whose_dependency_fails_withdraws_what_it_showed_and_streams_the_fallback(string script, string expected)
    {
        var received = new List<string>();
        await foreach (var update in Composer(script).StreamAsync(Request, CancellationToken.None))
        {
            received.Add(update switch
            {
                { Piece: { } piece } => "t:" + piece,
                { Retract: true } => "w",
                { Answer: { } answer } => $"F:{answer.Mode}{(answer.Degradation == Down ? " degraded" : "")}",
                _ => "?",
            });
        }

        Assert.Equal(expected, string.Join('|', received));
    }

    [Fact]
    public async Task A_stream_failing_for_another_reason_is_not_caught()
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in Composer("t:Refunds |bug").StreamAsync(Request, CancellationToken.None)) _ = update;
        });

        Assert.IsType<InvalidOperationException>(error);
    }

    // A composer following a script of updates: t:TEXT a piece, w a withdrawal, final its answer, down its dependency
    // failing, bug a failure of ours, cancelled the caller leaving.
    private sealed class ScriptedComposer(string script, ComposedAnswer answer) : IAnswerComposer
    {
        private readonly string[] _steps = script.Split('|');

        public async Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken)
        {
            ComposedAnswer? final = null;
            await foreach (var update in StreamAsync(request, cancellationToken)) final = update.Answer ?? final;
            return final!;
        }

        public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var step in _steps)
            {
                await Task.Yield();
                yield return step switch
                {
                    "w" => AnswerUpdate.Withdraw(),
                    "final" => AnswerUpdate.Final(answer),
                    "down" => throw new LanguageModelUnavailableException(Down.Dependency, Down.Cause, new TimeoutException()),
                    "bug" => throw new InvalidOperationException("a bug of ours"),
                    "cancelled" => throw new OperationCanceledException(),
                    _ => AnswerUpdate.Text(step[2..]),
                };
            }
        }
    }
}
