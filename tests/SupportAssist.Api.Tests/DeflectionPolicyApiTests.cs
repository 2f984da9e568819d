using SupportAssist.Policy;

namespace SupportAssist.Api.Tests;

/// <summary>The answer policy through the real host: the answerability model's probability and the target precision.</summary>
public sealed class DeflectionPolicyApiTests
{
    private const string Answerable = "how do I refund a payment from the dashboard";

    [Fact]
    public async Task The_confidence_is_the_model_probability_and_the_reasons_name_the_policy_version()
    {
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter);
        var model = factory.Services.GetRequiredService<AnswerabilityModel>();

        var body = await (await factory.CreateClient().PostAsJsonAsync("/v1/deflections", new { question = Answerable })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("answer", body.GetProperty("decision").GetString());
        var confidence = body.GetProperty("confidence").GetDouble();
        Assert.InRange(confidence, model.ThresholdFor(0.9), 1.0);
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains(model.Version, StringComparison.Ordinal));
    }

    [Fact]
    public void A_higher_target_precision_raises_the_threshold_and_a_fixed_threshold_overrides_it()
    {
        using var strict = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Deflection:TargetAnswerPrecision"] = "0.95" });
        using var lenient = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Deflection:TargetAnswerPrecision"] = "0.8" });
        using var fixedThreshold = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Deflection:AnswerThreshold"] = "0.42" });

        Assert.True(Thresholds(strict).Answer > Thresholds(lenient).Answer);
        Assert.Equal(0.42, Thresholds(fixedThreshold).Answer);
    }

    private static PolicyThresholds Thresholds(SupportAssistFactory factory) => factory.Services.GetRequiredService<DeflectionPolicy>().Thresholds;

    [Fact]
    public async Task An_answer_threshold_above_every_probability_suggests_articles_instead_of_answering()
    {
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:Deflection:AnswerThreshold"] = "1",
        });

        var body = await (await factory.CreateClient().PostAsJsonAsync("/v1/deflections", new { question = Answerable })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("suggest_articles", body.GetProperty("decision").GetString());
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("below the answer threshold 1", StringComparison.Ordinal));
    }
}
