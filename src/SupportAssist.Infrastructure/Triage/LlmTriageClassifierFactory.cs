using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// Puts the configured language model in front of the trained classifier (<c>Triage:Classifier = llm</c>), the
/// trained one staying the fallback; registered by <see cref="TriageRegistration"/>, which knows where the model is.
/// </summary>
public delegate IIntentClassifier LlmTriageClassifierFactory(IIntentClassifier trained);
