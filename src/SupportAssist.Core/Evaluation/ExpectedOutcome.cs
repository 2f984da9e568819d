namespace SupportAssist.Evaluation;

/// <summary>What the eval set says a question needs: an answer from these articles, no answer (none exists), or a person.</summary>
public enum ExpectedOutcome
{
    /// <summary>A public article answers it.</summary>
    Answerable,

    /// <summary>No public article answers it: abstaining is right.</summary>
    Unanswerable,

    /// <summary>It must go to a person whatever the articles say.</summary>
    Human,
}
