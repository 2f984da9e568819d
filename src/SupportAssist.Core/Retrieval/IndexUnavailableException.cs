namespace SupportAssist.Retrieval;

/// <summary>The search index cannot be reached or refused the request; callers answer 503 or degrade.</summary>
public class IndexUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IndexUnavailableException()
    {
    }

    /// <summary>Creates the exception with its reason.</summary>
    public IndexUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public IndexUnavailableException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Whether trying again later may succeed (an outage), rather than needing a fix (a refused key).</summary>
    public virtual bool Transient => true;
}
