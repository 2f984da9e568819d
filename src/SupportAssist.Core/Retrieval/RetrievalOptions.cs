using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Retrieval;

/// <summary>Hybrid retrieval settings. Bound from <c>SupportAssist:Retrieval</c>.</summary>
public sealed class RetrievalOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SupportAssist:Retrieval";

    /// <summary>Chunks each retriever (dense, BM25) contributes to fusion.</summary>
    [Range(1, 200)]
    public int CandidatesPerRetriever { get; set; } = 50;

    /// <summary>The k of reciprocal rank fusion; larger flattens the advantage of top ranks.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 20;

    /// <summary>Weight of the dense list in fusion: weight w counts a rank r as r / w (Qdrant's weighted RRF).</summary>
    [Range(0.01, 100.0)]
    public double DenseWeight { get; set; } = 1.2;

    /// <summary>Weight of the BM25 list in fusion.</summary>
    [Range(0.01, 100.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>Articles returned when the caller does not say.</summary>
    [Range(1, 50)]
    public int DefaultResults { get; set; } = 5;

    /// <summary>The most articles a caller may ask for.</summary>
    [Range(1, 200)]
    public int MaxResults { get; set; } = 50;

    /// <summary>The longest query accepted, in characters.</summary>
    [Range(16, 20_000)]
    public int MaxQueryChars { get; set; } = 2_000;

    /// <summary>Re-rank articles with maximal marginal relevance so near-duplicates do not crowd the list.</summary>
    public bool Diversify { get; set; }

    /// <summary>MMR trade-off: 1 is pure relevance, 0 pure novelty.</summary>
    [Range(0.0, 1.0)]
    public double DiversityLambda { get; set; } = 0.7;

    /// <summary>Length of the snippet shown with each article, in characters.</summary>
    [Range(60, 2_000)]
    public int SnippetChars { get; set; } = 240;

    /// <summary>BM25 weight of a chunk's article title.</summary>
    [Range(0.0, 100.0)]
    public double TitleWeight { get; set; } = 1.0;

    /// <summary>BM25 weight of a chunk's heading path.</summary>
    [Range(0.0, 100.0)]
    public double HeadingWeight { get; set; } = 1.5;

    /// <summary>BM25 weight of a chunk's text.</summary>
    [Range(0.0, 100.0)]
    public double BodyWeight { get; set; } = 1.0;
}
