namespace SupportAssist.Core.Tests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    internal static Chunk ChunkOf(string id, string articleId = "a") =>
        new(id, articleId, 0, "Title", null, "Title", "text " + id, "hash-" + id, ArticleAudience.Public, "en", null);

    private static RankedList List(string name, params string[] ids) =>
        new(name, ids.Select((id, i) => new ScoredChunk(ChunkOf(id), 10 - i)).ToList());

    [Fact]
    public void Scores_are_the_sum_of_reciprocal_ranks()
    {
        var fused = ReciprocalRankFusion.Fuse([List("dense", "x", "y"), List("bm25", "y", "z")], k: 60);

        var byId = fused.ToDictionary(f => f.Chunk.Id, f => f.Score);
        Assert.Equal(1.0 / 61, byId["x"], 12);
        Assert.Equal(1.0 / 62 + 1.0 / 61, byId["y"], 12);
        Assert.Equal(1.0 / 62, byId["z"], 12);
        Assert.Equal(["y", "x", "z"], fused.Select(f => f.Chunk.Id));
    }

    [Fact]
    public void Sources_record_each_retrievers_rank_and_score()
    {
        var fused = ReciprocalRankFusion.Fuse([List("dense", "x", "y"), List("bm25", "y")], k: 60);

        var y = fused.Single(f => f.Chunk.Id == "y");
        Assert.Equal([new RetrieverHit("dense", 2, 9), new RetrieverHit("bm25", 1, 10)], y.Sources);
        Assert.Equal(1, y.BestRank);
    }

    [Fact]
    public void Ties_go_to_the_better_single_rank_then_to_the_id()
    {
        // c and d are first and second in opposite lists: equal scores, equal best ranks.
        var fused = ReciprocalRankFusion.Fuse([List("dense", "d", "c"), List("bm25", "c", "d")], k: 60);

        Assert.Equal(["c", "d"], fused.Select(f => f.Chunk.Id));
    }

    [Fact]
    public void A_smaller_k_rewards_top_ranks_more()
    {
        // x is first in one list only; y is fourth in both.
        var lists = new[] { List("dense", "x", "a", "b", "y"), List("bm25", "c", "d", "e", "y") };

        static int Position(IReadOnlyList<FusedChunk> fused, string id) => fused.Select(f => f.Chunk.Id).ToList().IndexOf(id);
        var sharp = ReciprocalRankFusion.Fuse(lists, k: 1);
        var flat = ReciprocalRankFusion.Fuse(lists, k: 60);

        Assert.True(Position(sharp, "x") < Position(sharp, "y"));
        Assert.Equal("y", flat[0].Chunk.Id);
    }

    [Fact]
    public void A_chunk_listed_twice_by_one_retriever_counts_once()
    {
        var fused = ReciprocalRankFusion.Fuse([List("dense", "x", "x")], k: 60);

        Assert.Equal(1.0 / 61, Assert.Single(fused).Score, 12);
    }

    [Fact]
    public void Empty_lists_fuse_to_nothing_and_k_below_one_is_rejected()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse([List("dense"), List("bm25")], k: 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReciprocalRankFusion.Fuse([], k: 0));
    }

    [Fact]
    public void Max_score_is_rank_one_everywhere()
    {
        Assert.Equal(2.0 / 61, ReciprocalRankFusion.MaxScore([1.0, 1.0], 60), 12);
        Assert.Equal(1.0 / 60.5 + 1.0 / 62, ReciprocalRankFusion.MaxScore([2.0, 0.5], 60), 12);
    }

    [Theory]
    [InlineData(1, 1.0, 1.0 / 61)]
    [InlineData(2, 2.0, 1.0 / 61)]
    [InlineData(4, 2.0, 1.0 / 62)]
    [InlineData(1, 0.5, 1.0 / 62)]
    public void A_weighted_list_counts_its_ranks_divided_by_its_weight(int rank, double weight, double expected)
    {
        Assert.Equal(expected, ReciprocalRankFusion.Contribution(rank, 60, weight), 12);
    }

    [Theory]
    [InlineData(2.0, 1.0, "x")]
    [InlineData(1.0, 2.0, "y")]
    public void Of_two_chunks_each_found_by_one_list_at_the_same_rank_the_heavier_list_s_comes_first(double denseWeight, double keywordWeight, string first)
    {
        var fused = ReciprocalRankFusion.Fuse([List("dense", "x") with { Weight = denseWeight }, List("bm25", "y") with { Weight = keywordWeight }], k: 60);

        Assert.Equal(first, fused[0].Chunk.Id);
    }
}
