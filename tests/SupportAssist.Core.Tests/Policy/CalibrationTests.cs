namespace SupportAssist.Core.Tests.Policy;

public sealed class CalibrationTests
{
    private static ScoredAnswer[] Answers(params (double P, bool Right)[] answers) => answers.Select(a => new ScoredAnswer(a.P, a.Right)).ToArray();

    [Fact]
    public void The_curve_has_one_point_per_distinct_probability_with_coverage_over_every_question()
    {
        var curve = Calibration.Curve(Answers((0.9, true), (0.9, true), (0.6, false), (0.3, true)), questions: 8);

        Assert.Equal([0.9, 0.6, 0.3], curve.Select(p => p.Threshold));
        Assert.Equal([0.25, 0.375, 0.5], curve.Select(p => p.Coverage));
        Assert.Equal([1.0, 2.0 / 3, 0.75], curve.Select(p => p.Precision));
    }

    [Theory]
    [InlineData(0.9, 1, 0.8)]
    [InlineData(0.75, 1, 0.3)]
    [InlineData(0.99, 3, 0.8)]
    [InlineData(0.99, 4, 1.0)]
    [InlineData(0.5, 6, 1.0)]
    public void The_threshold_is_the_lowest_that_reaches_the_precision_with_enough_answers(double target, int minimumAnswered, double expected)
    {
        var curve = Calibration.Curve(Answers((0.95, true), (0.9, true), (0.8, true), (0.6, false), (0.3, true)), questions: 5);

        Assert.Equal(expected, Calibration.ThresholdFor(curve, target, minimumAnswered));
    }

    [Fact]
    public void A_calibrated_model_has_no_calibration_error_and_an_overconfident_one_has()
    {
        var calibrated = Answers((0.75, true), (0.75, true), (0.75, true), (0.75, false), (0.25, true), (0.25, false), (0.25, false), (0.25, false));
        var overconfident = Answers((0.95, true), (0.95, false), (0.95, true), (0.95, false));

        Assert.Equal(0, Calibration.ExpectedCalibrationError(calibrated), 9);
        Assert.Equal(0.45, Calibration.ExpectedCalibrationError(overconfident), 9);
    }

    [Fact]
    public void An_operating_point_counts_what_answering_at_the_threshold_would_have_done()
    {
        var point = Calibration.At(Answers((0.9, true), (0.7, false), (0.4, true)), questions: 10, threshold: 0.5);

        Assert.Equal((0.2, 0.5, 2), (point.Coverage, point.Precision, point.Answered));
    }
}
