namespace SupportAssist.Knowledge;

/// <summary>Who is asking. End users see public articles; agents see public and internal ones.</summary>
public enum Audience
{
    /// <summary>An end user: public articles only.</summary>
    Public,

    /// <summary>A support agent: public and internal articles.</summary>
    Agent,
}
