using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests;

public class SmokeTests
{
    [Fact]
    public void Parse_Seed_Reads19Entries()
    {
        var doc = DigestParser.Default.ParseFile(SharedFiles.SeedPath);
        doc.Entries.Should().HaveCount(19);
        doc.Layout.Should().Be("heading-link");
        doc.HasErrors.Should().BeFalse();
    }
}
