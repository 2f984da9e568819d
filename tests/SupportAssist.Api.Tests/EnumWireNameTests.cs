using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Cases;
using SupportAssist.Deflection;
using SupportAssist.Drafting;
using SupportAssist.Knowledge;
using SupportAssist.Privacy;
using SupportAssist.Triage;

namespace SupportAssist.Api.Tests;

/// <summary>
/// Enums on the wire: the API's one configured converter writes each value under the name the API has always used,
/// and that name is the one Core stores (<see cref="EnumNames"/>), so stored outcomes keep reading as before.
/// </summary>
public sealed class EnumWireNameTests(EnumWireNameTests.Host host) : IClassFixture<EnumWireNameTests.Host>
{
    /// <summary>A host, for the serializer options the API configured.</summary>
    public sealed class Host : IDisposable
    {
        public SupportAssistFactory Factory { get; } = new();

        public JsonSerializerOptions Json => Factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        public void Dispose() => Factory.Dispose();
    }

    // The names as the removed DeflectionService.WireName/ModeName and TriageService.WireName wrote them, and as the
    // endpoints wrote the rest by hand (status, audience, sentiment in lower case).
    public static TheoryData<Enum, string> Names => new()
    {
        { DeflectionDecision.Answer, "answer" },
        { DeflectionDecision.SuggestArticles, "suggest_articles" },
        { DeflectionDecision.ContactSupport, "contact_support" },
        { AnswerMode.Extractive, "extractive" },
        { AnswerMode.Generated, "generated" },
        { PiiKind.Email, "email" },
        { PiiKind.CardNumber, "card_number" },
        { PiiKind.Iban, "iban" },
        { PiiKind.Phone, "phone" },
        { PiiKind.SecretKey, "secret_key" },
        { PiiKind.BearerToken, "bearer_token" },
        { PiiKind.Name, "name" },
        { PiiKind.Address, "address" },
        { PiiKind.DateOfBirth, "date_of_birth" },
        { PiiKind.NationalId, "national_id" },
        { PiiKind.Passport, "passport" },
        { ArticleAudience.Public, "public" },
        { ArticleAudience.Internal, "internal" },
        { Audience.Agent, "agent" },
        { IngestStatus.Unpublished, "unpublished" },
        { CaseStatus.Pending, "pending" },
        { Sentiment.Negative, "negative" },
        { DeflectionFeedbackKind.NotHelpful, "not_helpful" },
        { DeflectionFeedbackKind.ContactedSupport, "contacted_support" },
        { DraftFeedbackKind.Edited, "edited" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void The_converter_writes_the_name_the_API_has_always_used(Enum value, string name) =>
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(value, value.GetType(), host.Json));

    [Theory]
    [MemberData(nameof(Names))]
    public void The_stored_name_is_the_wire_name(Enum value, string name)
    {
        var of = typeof(EnumNames).GetMethod(nameof(EnumNames.Of))!.MakeGenericMethod(value.GetType());

        Assert.Equal(name, of.Invoke(null, [value]));
    }

    [Fact]
    public void Every_kind_of_personal_data_has_a_stored_name_of_its_own() =>
        Assert.Equal(Enum.GetValues<PiiKind>().Length, Enum.GetValues<PiiKind>().Select(EnumNames.Of).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void An_enum_never_reads_as_a_number() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DeflectionDecision>("1", host.Json));
}
