using System.Text.Json;
using System.Text.Json.Serialization;
using SupportAssist.Policy;

namespace SupportAssist.Infrastructure.Policy;

/// <summary>The answerability model as a JSON file: written by the eval CLI's <c>train-policy</c>, read by the host at start-up.</summary>
public static class AnswerabilityModelFile
{
    /// <summary>The command that builds the file from the deflection eval set (from the repository root).</summary>
    public const string TrainCommand = "dotnet run --project src/SupportAssist.Evals -- train-policy --data evals/datasets/deflection.jsonl";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads the model at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Missing, unreadable, or for other evidence than this build collects; the message says what to do.</exception>
    public static AnswerabilityModel Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"the answerability model '{path}' does not exist; build it with: {TrainCommand}");
        AnswerabilityModel? model;
        try
        {
            model = JsonSerializer.Deserialize<AnswerabilityModel>(File.ReadAllText(path), Json);
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"the answerability model '{path}' cannot be read ({error.Message}); rebuild it with: {TrainCommand}", error);
        }
        if (model is null || model.Features is null || model.Means is null || model.Scales is null || model.Weights is null || model.Curve is null
            || !model.MatchesEvidence || model.Scales.Any(s => !(s > 0) || double.IsInfinity(s))
            || model.Means.Concat(model.Weights).Append(model.Bias).Any(v => !double.IsFinite(v)))
            throw new InvalidDataException($"the answerability model '{path}' does not read the evidence this build collects ({string.Join(", ", AnswerEvidence.FeatureNames)}); rebuild it with: {TrainCommand}");
        return model;
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (the folder is created).</summary>
    public static void Write(string path, AnswerabilityModel model)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        File.WriteAllText(path, JsonSerializer.Serialize(model, Json) + "\n");
    }
}
