namespace SupportAssist.Knowledge;

/// <summary>Who an article is written for. Internal articles are for support agents only.</summary>
public enum ArticleAudience
{
    /// <summary>Anyone may read it.</summary>
    Public,

    /// <summary>Support agents only.</summary>
    Internal,
}
