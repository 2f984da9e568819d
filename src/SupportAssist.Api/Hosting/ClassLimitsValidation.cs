using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Api.Hosting;

/// <summary>Each class's limits are in range; the message names the setting.</summary>
public sealed class ClassLimitsValidation : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new List<string>();
        foreach (var (label, limits) in new[] { ("Public", options.Public), ("Search", options.Search), ("Agent", options.Agent), ("Admin", options.Admin), ("FailedKeys", options.FailedKeys) })
        {
            var results = new List<ValidationResult>();
            if (limits is null) errors.Add($"{LimitsOptions.Section}:{label} is required");
            else if (!Validator.TryValidateObject(limits, new ValidationContext(limits), results, validateAllProperties: true))
                errors.AddRange(results.Select(r => $"{LimitsOptions.Section}:{label}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
