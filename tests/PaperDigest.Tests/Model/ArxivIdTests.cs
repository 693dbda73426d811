using PaperDigest.Model;

namespace PaperDigest.Tests.Model;

public class ArxivIdTests
{
    [Theory]
    [InlineData("2501.19393", "2501.19393", null)]
    [InlineData("2501.19393v2", "2501.19393", 2)]
    [InlineData("2501.19393V12", "2501.19393", 12)]
    [InlineData("  arXiv:2502.01456  ", "2502.01456", null)]
    [InlineData("arxiv:2502.01456v3", "2502.01456", 3)]
    [InlineData("0704.0001", "0704.0001", null)]
    [InlineData("1412.9999", "1412.9999", null)]
    [InlineData("1501.00001", "1501.00001", null)]
    [InlineData("hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("hep-th/9901001v3", "hep-th/9901001", 3)]
    [InlineData("math.GT/0309136", "math/0309136", null)]
    [InlineData("math.GT/0309136v1", "math/0309136", 1)]
    [InlineData("cond-mat.str-el/0101001", null, null)]
    [InlineData("Math/0309136", "math/0309136", null)]
    public void TryParse_EveryWrittenForm_GivesCanonicalIdAndVersion(string text, string? value, int? version)
    {
        var ok = ArxivId.TryParse(text, out var id);

        ok.Should().Be(value is not null);
        if (value is not null)
        {
            id.Value.Should().Be(value);
            id.Version.Should().Be(version);
            id.WithoutVersion.Version.Should().BeNull();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("2501-19393")]
    [InlineData("2501.1939")]
    [InlineData("2501.193934")]
    [InlineData("0704.00001")]
    [InlineData("1501.0001")]
    [InlineData("2513.12345")]
    [InlineData("2500.12345")]
    [InlineData("0703.1234")]
    [InlineData("0612.1234")]
    [InlineData("2501.19393v0")]
    [InlineData("2501.19393v")]
    [InlineData("2501.19393v99999999999")]
    [InlineData("hep-th/990100")]
    [InlineData("hep-th/99010011")]
    [InlineData("hep-th/9913001")]
    [InlineData("h/9901001")]
    [InlineData("math./0309136")]
    [InlineData("math.G7/0309136")]
    [InlineData("1ep-th/9901001")]
    [InlineData("/9901001")]
    [InlineData("hep_th/9901001")]
    public void TryParse_NotAnIdentifier_ReturnsFalseWithoutThrowing(string text)
    {
        ArxivId.TryParse(text, out var id).Should().BeFalse();
        id.Should().Be(default(ArxivId));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse() => ArxivId.TryParse((string?)null, out _).Should().BeFalse();

    [Fact]
    public void ToString_WithVersion_AppendsIt()
    {
        ArxivId.Parse("2501.19393v2").ToString().Should().Be("2501.19393v2");
        ArxivId.Parse("math.GT/0309136").ToString().Should().Be("math/0309136");
    }

    [Fact]
    public void IsOldStyle_TellsTheTwoSchemesApart()
    {
        ArxivId.Parse("hep-th/9901001").IsOldStyle.Should().BeTrue();
        ArxivId.Parse("2501.19393").IsOldStyle.Should().BeFalse();
    }

    [Fact]
    public void Equality_IncludesTheVersion()
    {
        ArxivId.Parse("2501.19393v1").Should().NotBe(ArxivId.Parse("2501.19393v2"));
        ArxivId.Parse("2501.19393v1").WithoutVersion.Should().Be(ArxivId.Parse("2501.19393"));
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatException()
    {
        var act = () => ArxivId.Parse("2501.1939");
        act.Should().Throw<FormatException>().WithMessage("*2501.1939*");
    }

    [Theory]
    [InlineData("2501.19393", 0)]
    [InlineData("2501.19393v2", null)]
    [InlineData("nope", null)]
    public void Create_InvalidValueOrVersion_Throws(string value, int? version)
    {
        var act = () => ArxivId.Create(value, version);
        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Create_ValidValueAndVersion_KeepsBoth()
    {
        var id = ArxivId.Create("math.GT/0309136", 4);
        id.Value.Should().Be("math/0309136");
        id.Version.Should().Be(4);
    }
}
