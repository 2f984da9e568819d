namespace SupportAssist.Evals.Retrieval;

/// <summary>A BEIR-layout file was malformed; the message names the file and line.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message) : base(message)
    {
    }

    public DatasetException() : this("malformed dataset")
    {
    }

    public DatasetException(string message, Exception inner) : base(message, inner)
    {
    }
}
