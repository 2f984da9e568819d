namespace SupportAssist.Core.Tests.Policy;

public sealed class HumanHandoffRulesTests
{
    private readonly HumanHandoffRules _rules = new();

    [Theory]
    [InlineData("where is my payout? it was due yesterday", HandoffReason.AccountSpecific)]
    [InlineData("Where's our money from last week's sales", HandoffReason.AccountSpecific)]
    [InlineData("why was my account closed without warning", HandoffReason.AccountSpecific)]
    [InlineData("My account has been suspended, what do I do", HandoffReason.AccountSpecific)]
    [InlineData("why are my payouts on hold", HandoffReason.AccountSpecific)]
    [InlineData("¿Dónde está mi dinero?", HandoffReason.AccountSpecific)]
    [InlineData("mi cuenta fue bloqueada ayer", HandoffReason.AccountSpecific)]
    [InlineData("I think my account was hacked", HandoffReason.FraudOrCompromise)]
    [InlineData("someone logged into the dashboard from another country", HandoffReason.FraudOrCompromise)]
    [InlineData("there are unauthorized payouts to a bank account I don't know", HandoffReason.FraudOrCompromise)]
    [InlineData("our secret API key was leaked on GitHub, stolen keys", HandoffReason.FraudOrCompromise)]
    [InlineData("I didn't make these charges", HandoffReason.FraudOrCompromise)]
    [InlineData("we suspect an employee is committing fraud with refunds", HandoffReason.FraudOrCompromise)]
    [InlineData("me hackearon la cuenta", HandoffReason.FraudOrCompromise)]
    [InlineData("my lawyer will be in touch", HandoffReason.LegalThreat)]
    [InlineData("refund me or I will sue you", HandoffReason.LegalThreat)]
    [InlineData("I'm taking this to court", HandoffReason.LegalThreat)]
    [InlineData("I am going to report you to the regulator", HandoffReason.LegalThreat)]
    [InlineData("voy a hablar con mi abogado", HandoffReason.LegalThreat)]
    [InlineData("can I talk to a human", HandoffReason.AsksForHuman)]
    [InlineData("I want to speak with a real person", HandoffReason.AsksForHuman)]
    [InlineData("representative please", HandoffReason.AsksForHuman)]
    [InlineData("connect me to an agent", HandoffReason.AsksForHuman)]
    [InlineData("quiero hablar con una persona", HandoffReason.AsksForHuman)]
    [InlineData("why did you freeze my funds last week", HandoffReason.AccountSpecific)]
    [InlineData("the payout from Monday never arrived at the bank", HandoffReason.AccountSpecific)]
    [InlineData("you debited my bank account without telling me", HandoffReason.AccountSpecific)]
    [InlineData("¿Por qué me bloquearon los pagos?", HandoffReason.AccountSpecific)]
    [InlineData("somebody changed the payout bank account on our dashboard", HandoffReason.FraudOrCompromise)]
    [InlineData("we committed our live API key to a public repo", HandoffReason.FraudOrCompromise)]
    [InlineData("I entered my password on a fake login page", HandoffReason.FraudOrCompromise)]
    [InlineData("we're under attack, thousands of small charges", HandoffReason.FraudOrCompromise)]
    [InlineData("we are suing over these fees", HandoffReason.LegalThreat)]
    [InlineData("consider this a formal complaint", HandoffReason.LegalThreat)]
    [InlineData("please escalate this to a manager", HandoffReason.AsksForHuman)]
    [InlineData("can someone please look at my case", HandoffReason.AsksForHuman)]
    public void Questions_that_need_a_person_are_recognised(string question, HandoffReason reason)
    {
        var matches = _rules.Match(question);

        Assert.Contains(matches, m => m.Reason == reason && question.Contains(m.Trigger, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("how do I prevent fraud on my checkout")]
    [InlineData("how do I close my account")]
    [InlineData("when are payouts sent to my bank")]
    [InlineData("what is a chargeback")]
    [InlineData("how do I rotate an API key")]
    [InlineData("choose a reason such as fraudulent when refunding")]
    [InlineData("how long does a refund take")]
    [InlineData("¿cuánto tarda en llegar un reembolso al cliente?")]
    [InlineData("how do I add a person to my team")]
    [InlineData("what happens if someone tries to log in with the wrong 2FA code")]
    [InlineData("how do I invite a new team member")]
    [InlineData("is an attack by card testing something I should prepare for")]
    [InlineData("where do I find my secret key")]
    [InlineData("Sue from accounting asks how to download invoices")]
    [InlineData("how long until a payout reaches the bank")]
    [InlineData("Should I use my live key or the public test key in checkout?")]
    [InlineData("What does it mean when a payout shows failed in the dashboard?")]
    [InlineData("Can someone help me understand how refunds work?")]
    [InlineData("What happens when someone has changed their card details?")]
    public void Questions_the_help_center_answers_are_left_to_the_policy(string question)
    {
        Assert.Empty(_rules.Match(question));
    }

    [Fact]
    public void Several_reasons_are_all_reported_once()
    {
        var matches = _rules.Match("my account was hacked, I want to talk to a human, and my lawyer, my attorney too");

        Assert.Equal([HandoffReason.FraudOrCompromise, HandoffReason.LegalThreat, HandoffReason.AsksForHuman], matches.Select(m => m.Reason).Order());
    }

    [Fact]
    public void Configured_patterns_add_to_the_defaults()
    {
        var rules = new HumanHandoffRules(new Dictionary<HandoffReason, string[]> { [HandoffReason.AccountSpecific] = [@"\bmy\s+invoice\s+number\b"] });

        Assert.Contains(rules.Match("what is my invoice number"), m => m.Reason == HandoffReason.AccountSpecific);
        Assert.Contains(rules.Match("where is my payout"), m => m.Reason == HandoffReason.AccountSpecific);
    }

    [Fact]
    public void An_invalid_configured_pattern_is_refused_with_its_text()
    {
        var error = Assert.Throws<ArgumentException>(() => new HumanHandoffRules(new Dictionary<HandoffReason, string[]> { [HandoffReason.LegalThreat] = ["(unclosed"] }));

        Assert.Contains("(unclosed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_question_is_matched_in_time()
    {
        var question = string.Concat(Enumerable.Repeat("why is my ", 20_000)) + "account in euros";

        Assert.Empty(_rules.Match(question));
    }
}
