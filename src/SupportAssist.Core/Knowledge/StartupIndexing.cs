namespace SupportAssist.Knowledge;

/// <summary>When the source folder is indexed at start-up.</summary>
public enum StartupIndexing
{
    /// <summary>Never; articles arrive through the API only.</summary>
    Never,

    /// <summary>Only when the store holds no article (first run).</summary>
    WhenEmpty,

    /// <summary>On every start, incrementally: changed files are re-indexed, unchanged ones cost a hash lookup.</summary>
    Sync,

    /// <summary>Re-embed every stored article with the configured embedder (swapped in at once), then sync the folder.</summary>
    Rebuild,
}
