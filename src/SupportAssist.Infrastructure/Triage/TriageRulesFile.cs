using System.Text.Json;
using System.Text.Json.Serialization;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>Reads the triage rules from JSON and checks them; every problem is reported with where it is.</summary>
public static class TriageRulesFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The rules in <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing, is not valid JSON for the rules, or breaks a rule; the message says where.</exception>
    public static TriageRuleSet Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"triage rules file '{path}' does not exist");
        TriageRuleSet? rules;
        try
        {
            rules = JsonSerializer.Deserialize<TriageRuleSet>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"triage rules file '{path}': {error.Message}", error);
        }
        if (rules is null) throw new InvalidDataException($"triage rules file '{path}' is empty");
        var problems = rules.Problems();
        if (problems.Count > 0) throw new InvalidDataException($"triage rules file '{path}': {string.Join("; ", problems)}");
        return rules;
    }
}
