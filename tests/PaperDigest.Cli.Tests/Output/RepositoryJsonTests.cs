using PaperDigest.Cli.Output;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Cli.Tests;

public sealed class RepositoryJsonTests
{
    [Fact]
    public void RepositoryJson_SerialisesStateAndFieldsCamelCase()
    {
        var result = new RepositoryResult("a/b", RepositoryState.Renamed, new GitHubRepository { Owner = "c", Name = "d", HtmlUrl = "https://github.com/c/d", Stars = 3, Topics = ["x"] });

        var json = System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<RepositoryJson>>([RepositoryJson.From(result)], RepositoryJson.ListTypeInfo);

        json.Should().Be("""[{"requested":"a/b","state":"renamed","fullName":"c/d","htmlUrl":"https://github.com/c/d","stars":3,"forks":0,"topics":["x"],"archived":false,"disabled":false}]""");
    }
}
