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
        { Audience.Public, "public" },
        { Audience.Agent, "agent" },
        { IngestStatus.Created, "created" },
        { IngestStatus.Updated, "updated" },
        { IngestStatus.Unchanged, "unchanged" },
        { IngestStatus.Unpublished, "unpublished" },
        { CaseStatus.Open, "open" },
        { CaseStatus.Pending, "pending" },
        { CaseStatus.Solved, "solved" },
        { Sentiment.Negative, "negative" },
        { Sentiment.Neutral, "neutral" },
        { Sentiment.Positive, "positive" },
        { DeflectionFeedbackKind.Helpful, "helpful" },
        { DeflectionFeedbackKind.NotHelpful, "not_helpful" },
        { DeflectionFeedbackKind.ContactedSupport, "contacted_support" },
        { DraftFeedbackKind.Accepted, "accepted" },
        { DraftFeedbackKind.Edited, "edited" },
        { DraftFeedbackKind.Rejected, "rejected" },
    };

    // Every value of an enum that is stored or sent carries its name: renaming a C# member cannot change stored data.
    public static TheoryData<Type> NamedEnums => new()
    {
        typeof(DeflectionDecision), typeof(AnswerMode), typeof(PiiKind), typeof(ArticleAudience), typeof(Audience), typeof(IngestStatus),
        typeof(CaseStatus), typeof(Sentiment), typeof(DeflectionFeedbackKind), typeof(DraftFeedbackKind),
    };

    [Theory]
    [MemberData(nameof(NamedEnums))]
    public void Every_value_of_a_stored_or_sent_enum_names_itself(Type type) =>
        Assert.All(Enum.GetNames(type), member =>
            Assert.NotNull(type.GetField(member)!.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false).SingleOrDefault()));

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
