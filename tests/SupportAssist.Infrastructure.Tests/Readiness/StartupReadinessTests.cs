using SupportAssist.Infrastructure.Readiness;

namespace SupportAssist.Infrastructure.Tests.Readiness;

public sealed class StartupReadinessTests
{
    private static (StartupReadiness Readiness, ReadinessComponent Index, ReadinessComponent Model) Two()
    {
        var index = new ReadinessComponent("index", "waiting to index");
        var model = new ReadinessComponent("triage-model", "waiting to load");
        return (new StartupReadiness([index, model]), index, model);
    }

    [Fact]
    public async Task Ready_completes_only_when_every_component_is_ready()
    {
        var (readiness, index, model) = Two();

        index.MarkReady("indexed 70 articles");
        var whileOneStarts = readiness.Ready.IsCompleted;
        model.MarkReady("loaded");
        await readiness.Ready;

        Assert.False(whileOneStarts);
        Assert.Equal(ReadinessState.Ready, readiness["index"].State);
    }

    [Fact]
    public async Task A_component_that_becomes_unavailable_faults_ready_with_its_reason()
    {
        var (readiness, index, model) = Two();

        index.MarkReady("indexed");
        model.MarkUnavailable("no model: build it with 'train'");
        var error = await Assert.ThrowsAsync<NotReadyException>(() => readiness.Ready);

        Assert.Equal("triage-model", error.Component);
        Assert.Contains("build it with 'train'", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void Progress_is_reported_while_starting_and_ignored_once_ready()
    {
        var (_, index, _) = Two();

        index.Report("indexing samples: 12 of 70 articles");
        var starting = index.Status;
        index.MarkReady("indexed 70 articles");
        index.Report("indexing samples: 13 of 70 articles");

        Assert.Equal(new ReadinessStatus(ReadinessState.Starting, "indexing samples: 12 of 70 articles", false), starting);
        Assert.Equal(new ReadinessStatus(ReadinessState.Ready, "indexed 70 articles", false), index.Status);
    }

    [Fact]
    public void A_request_before_ready_is_told_to_retry_and_after_unavailable_is_not()
    {
        var (_, index, model) = Two();

        index.Report("indexing samples: 3 of 70 articles");
        model.MarkUnavailable("no model");

        Assert.Equal(NotReadyException.DefaultRetryAfter, index.NotReady().RetryAfter);
        Assert.Equal("index is not ready: indexing samples: 3 of 70 articles", index.NotReady().Message);
        Assert.Null(model.NotReady().RetryAfter);
    }

    [Fact]
    public void An_undeclared_component_is_refused_by_name() =>
        Assert.Contains("'answer-policy'", Assert.Throws<KeyNotFoundException>(() => Two().Readiness["answer-policy"]).Message, StringComparison.Ordinal);
}
