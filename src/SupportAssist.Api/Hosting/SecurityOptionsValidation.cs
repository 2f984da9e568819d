namespace SupportAssist.Api.Hosting;

/// <summary>Names, keys and scopes are checked at start-up: a bad entry stops the service with the setting to fix.</summary>
public sealed class SecurityOptionsValidation : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = $"{SecurityOptions.Section}:ApiKeys:{i}";
            if (string.IsNullOrEmpty(key.Name) || key.Name.Length > 64 || !key.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                errors.Add($"{at}:Name must be 1-64 letters, digits, '-', '_' or '.'");
            if (key.Key is null || key.Key.Length < 16) errors.Add($"{at}:Key must be at least 16 characters");
            if (key.Scopes.Count == 0) errors.Add($"{at}:Scopes must list at least one of {string.Join(", ", Scopes.All)}");
            foreach (var scope in key.Scopes.Where(s => !Scopes.All.Contains(s))) errors.Add($"{at}:Scopes: '{scope}' is not one of {string.Join(", ", Scopes.All)}");
        }
        for (var i = 0; i < options.AdminApiKeys.Count; i++)
            if (options.AdminApiKeys[i] is null || options.AdminApiKeys[i].Length < 16) errors.Add($"{SecurityOptions.Section}:AdminApiKeys:{i} must be at least 16 characters");
        foreach (var duplicate in options.ApiKeys.Where(k => k.Name is not null).GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"{SecurityOptions.Section}:ApiKeys: the name '{duplicate.Key}' is used more than once");
        var keys = options.ApiKeys.Select(k => k.Key).Concat(options.AdminApiKeys).OfType<string>().ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count()) errors.Add($"{SecurityOptions.Section}: the same key is configured twice");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
