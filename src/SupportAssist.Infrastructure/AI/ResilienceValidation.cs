using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure.AI;

/// <summary>Validates nested <see cref="ResilienceSettings"/>, which options' data-annotation validation does not reach.</summary>
public static class ResilienceValidation
{
    /// <summary>Each broken rule, as "Field: reason"; empty when the settings are sound.</summary>
    public static IReadOnlyList<string> Problems(ResilienceSettings? settings)
    {
        if (settings is null) return ["Resilience: is required"];
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results.Select(r => $"Resilience:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
    }
}
