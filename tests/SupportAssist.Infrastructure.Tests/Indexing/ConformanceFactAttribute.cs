using Xunit.Abstractions;
using Xunit.Sdk;

namespace SupportAssist.Infrastructure.Tests.Indexing;

/// <summary>
/// A fact of a shared suite that the concrete test class may skip as a whole: the class's public static
/// <c>SkipReason</c> property, when it returns text, skips every test with that text (a store that cannot run here).
/// </summary>
[XunitTestCaseDiscoverer("SupportAssist.Infrastructure.Tests.Indexing.ConformanceFactDiscoverer", "SupportAssist.Infrastructure.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;

public sealed class ConformanceFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new ConformanceTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

public sealed class ConformanceTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ConformanceTestCase()
    {
    }

    public ConformanceTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnostics, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var type = TestMethod.TestClass.Class.ToRuntimeType();
        var property = type?.GetProperty("SkipReason", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.FlattenHierarchy);
        return property?.GetValue(null) as string ?? base.GetSkipReason(factAttribute);
    }
}
