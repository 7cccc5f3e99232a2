using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Autograder;

/// <summary>Builds a PrairieLearn external grader for a lab: <c>course autograder LAB --target prairielearn --out DIR</c>.</summary>
/// <remarks>
/// Follows PrairieLearn's external-grading contract (PrairieLearn/PrairieLearn, docs/externalGrading.md): the question's
/// <c>info.json</c> holds <c>externalGradingOptions</c> (<c>enabled</c>, <c>image</c>, <c>serverFilesCourse</c>,
/// <c>entrypoint</c>, <c>timeout</c> in seconds); in the container the question's <c>tests/</c> folder is at
/// <c>/grade/tests</c>, the shared files at <c>/grade/serverFilesCourse</c>, the student's files at <c>/grade/student</c>,
/// and the entrypoint must create <c>/grade/results/</c> and write <c>results.json</c> there (<c>score</c> in [0, 1],
/// <c>gradable</c>, <c>format_errors</c>, <c>message</c>, <c>output</c>, <c>tests[]</c> with <c>name</c>, <c>points</c>,
/// <c>max_points</c>, <c>message</c>, <c>output</c>; at most 1 MB).
/// <para>The folder written is laid out like a course repository plus an image: <c>questions/LAB/info.json</c> and
/// <c>questions/LAB/tests/</c> (the solution notebook and its hidden tests), <c>serverFilesCourse/deepnlp/run.sh</c> (the
/// entrypoint), and <c>image/</c> (a Dockerfile and the built kit: <c>artifacts/lib</c>, <c>artifacts/bin</c>,
/// <c>datasets</c>). The entrypoint's root (<c>/grade</c>) moves with <c>PL_GRADE_ROOT</c>, the kit's place in the image
/// (<c>/opt/deepnlp</c>) with <c>DEEPNLP_KIT</c>, and the grading program with <c>COURSE</c>, so it can be tried on a local
/// tree.</para>
/// </remarks>
public static class PrairieLearnBundle
{
    /// <summary>Seconds PrairieLearn lets the grading container run: its documented maximum (600 s) less a margin for
    /// the container start, and the value written to <c>info.json</c>.</summary>
    public const int TimeoutSeconds = 540;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the PrairieLearn course pieces and the image folder for <paramref name="labPath"/> into <paramref name="outDir"/>.</summary>
    /// <param name="labPath">The lab's solution notebook, inside a built kit.</param>
    /// <param name="outDir">Destination folder (replaced if it exists).</param>
    /// <param name="kitBin">Folder holding <c>course.dll</c>; null: the kit's <c>artifacts/bin</c>.</param>
    /// <param name="image">The Docker image name written to <c>info.json</c> (push the image under this name).</param>
    /// <returns>The path of the entrypoint script.</returns>
    /// <exception cref="LabFormatException">The lab is malformed.</exception>
    /// <exception cref="DirectoryNotFoundException">The kit is not built.</exception>
    public static string Write(string labPath, string outDir, string? kitBin = null, string image = "YOUR_DOCKERHUB_USER/deepnlp-grader:latest")
    {
        var lab = Lab.Load(labPath);
        string root = AutograderBundle.KitRoot(lab.Path);
        string bin = kitBin ?? Path.Combine(root, "artifacts", "bin");
        if (!File.Exists(Path.Combine(bin, "course.dll")))
            throw new DirectoryNotFoundException($"{bin}: no course.dll; build the kit first (dotnet build src/Course.Cli)");
        string datasets = LabGrader.FindDatasets(lab.Path) ?? throw new DirectoryNotFoundException($"no datasets/ folder above {lab.Path}");
        string dir = Path.GetFullPath(outDir);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);

        string question = Path.Combine(dir, "questions", lab.Name);
        AutograderBundle.Copy(Path.GetDirectoryName(lab.Path)!, Path.Combine(question, "tests"),
            [Path.GetFileName(lab.Path), Path.GetFileName(Lab.HiddenPathFor(lab.Path)), lab.Name + ".policy.json"]);
        var info = new JsonObject
        {
            ["uuid"] = DeterministicUuid(lab.Name),
            ["title"] = lab.Name,
            ["topic"] = "Deep NLP labs",
            ["type"] = "v3",
            ["singleVariant"] = true,
            ["gradingMethod"] = "External",
            ["externalGradingOptions"] = new JsonObject
            {
                ["enabled"] = true,
                ["image"] = image,
                ["serverFilesCourse"] = new JsonArray("deepnlp/"),
                ["entrypoint"] = "/grade/serverFilesCourse/deepnlp/run.sh",
                ["timeout"] = TimeoutSeconds,
            },
        };
        AtomicFile.WriteAllText(Path.Combine(question, "info.json"), info.ToJsonString(Json) + "\n");
        AtomicFile.WriteAllText(Path.Combine(question, "question.html"),
            $"<pl-question-panel><p>Upload your notebook <code>{lab.Name}.ipynb</code>.</p></pl-question-panel>\n"
            + $"<pl-file-upload file-names=\"{lab.Name}.ipynb\"></pl-file-upload>\n"
            + "<pl-submission-panel><pl-external-grader-results></pl-external-grader-results><pl-file-preview></pl-file-preview></pl-submission-panel>\n");

        string entry = Path.Combine(dir, "serverFilesCourse", "deepnlp", "run.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        AutograderBundle.WriteScript(entry, EntryScript.Replace("@LAB@", lab.Name, StringComparison.Ordinal));

        string kit = Path.Combine(dir, "image", "kit");
        AutograderBundle.CopyTree(Path.Combine(root, "artifacts", "lib"), Path.Combine(kit, "artifacts", "lib"));
        AutograderBundle.CopyTree(bin, Path.Combine(kit, "artifacts", "bin"));
        AutograderBundle.CopyTree(datasets, Path.Combine(kit, "datasets"));
        AtomicFile.WriteAllText(Path.Combine(dir, "image", "Dockerfile"), Dockerfile.Replace("\r\n", "\n") + "\n");
        AtomicFile.WriteAllText(Path.Combine(dir, "README.md"), $"PrairieLearn external grader for {lab.Name} ({lab.AutogradedPoints:g} autograded points).\n\n"
            + $"1. Build and push the image: `docker build -t {image} image && docker push {image}` (the image holds the .NET 10 runtime and the kit; grading needs no network).\n"
            + "2. Copy `questions/` and `serverFilesCourse/` into your course repository and put the question in an assessment.\n"
            + "3. Try the entrypoint locally: `PL_GRADE_ROOT=/tmp/grade DEEPNLP_KIT=image/kit serverFilesCourse/deepnlp/run.sh`, with "
            + "the question's tests/ in /tmp/grade/tests and a notebook in /tmp/grade/student.\n");
        return entry;
    }

    private static string DeterministicUuid(string name)
    {
        // info.json needs a stable uuid per question: derive it from the lab's name (same lab, same uuid on every export).
        var h = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("deepnlp-prairielearn/" + name));
        h[6] = (byte)((h[6] & 0x0F) | 0x50);
        h[8] = (byte)((h[8] & 0x3F) | 0x80);
        return new Guid(h.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private const string EntryScript = """
        #!/usr/bin/env bash
        # PrairieLearn runs this in the grading container (docs/externalGrading.md): the question's tests/ folder is at
        # /grade/tests, the student's files at /grade/student, and results must go to /grade/results/results.json.
        # PL_GRADE_ROOT moves /grade, DEEPNLP_KIT the kit inside the image, COURSE the grading program (for local tries).
        set -u
        ROOT="${PL_GRADE_ROOT:-/grade}"
        KIT="${DEEPNLP_KIT:-/opt/deepnlp}"
        COURSE="${COURSE:-dotnet $KIT/artifacts/bin/course.dll}"
        mkdir -p "$ROOT/results"
        fail() {
          printf '{"gradable": false, "score": 0, "format_errors": ["%s"], "message": "The autograder could not grade this submission; please contact the course staff."}\n' "$1" > "$ROOT/results/results.json"
          exit 0
        }
        WORK="$(mktemp -d)"
        trap 'rm -rf "$WORK"' EXIT
        # The lab must sit two folders below the kit so that its #r "../../artifacts/lib/DeepNlp.dll" resolves.
        mkdir -p "$WORK/kit/notebooks/labs" "$WORK/out"
        ln -s "$KIT/artifacts" "$WORK/kit/artifacts"
        ln -s "$KIT/datasets" "$WORK/kit/datasets"
        cp "$ROOT/tests/"* "$WORK/kit/notebooks/labs/" || fail "the question has no tests folder"
        export DEEPNLP_DATASETS="$KIT/datasets"
        $COURSE grade "$WORK/kit/notebooks/labs/@LAB@.ipynb" "$ROOT/student" --out "$WORK/out" --jobs 1 --no-resume --wall-timeout 480 > "$WORK/grade.log" 2>&1
        if [ -f "$WORK/out/prairielearn/student.json" ]; then
          cp "$WORK/out/prairielearn/student.json" "$ROOT/results/results.json.tmp"
          mv "$ROOT/results/results.json.tmp" "$ROOT/results/results.json"
        else
          tail -c 2000 "$WORK/grade.log" >&2
          fail "grading did not finish"
        fi
        """;

    private const string Dockerfile = """
        # The PrairieLearn grading image for the Deep NLP kit: the .NET 10 runtime plus the built kit in /opt/deepnlp.
        # Everything grading needs is inside the image, so it runs without network (PrairieLearn grades offline).
        # Build from the folder holding this file: docker build -t USER/deepnlp-grader:TAG . && docker push USER/deepnlp-grader:TAG
        FROM mcr.microsoft.com/dotnet/runtime:10.0
        COPY kit /opt/deepnlp
        ENV DEEPNLP_KIT=/opt/deepnlp DEEPNLP_DATASETS=/opt/deepnlp/datasets DOTNET_CLI_TELEMETRY_OPTOUT=1
        """;

    /// <summary>PrairieLearn's results.json for one graded submission.</summary>
    internal static string Results(Lab lab, SubmissionResult r, double finalScore, string lateNote)
    {
        var tests = new JsonArray();
        foreach (var q in r.Questions.Where(q => !q.Written))
            foreach (var t in q.Tests)
                tests.Add(new JsonObject
                {
                    ["name"] = $"{q.Question}: {t.Name}{(t.Hidden ? " (hidden)" : "")}",
                    ["points"] = Math.Round(t.Score, 4),
                    ["max_points"] = Math.Round(t.MaxScore, 4),
                    ["message"] = t.Passed ? "passed" : t.Message,
                    ["output"] = "",
                });
        // A submission that never ran (missing, not a notebook, too large) is not gradable: PrairieLearn then keeps the
        // student's attempt and shows format_errors instead of a score.
        bool gradable = r.Attempts > 0;
        var root = new JsonObject
        {
            ["gradable"] = gradable,
            ["score"] = r.MaxScore > 0 ? Math.Round(Math.Clamp(finalScore / r.MaxScore, 0, 1), 6) : 0,
            ["message"] = $"Autograded score {finalScore:0.##} / {r.MaxScore:0.##}.{lateNote}",
            ["output"] = string.Join('\n', r.Problems),
            ["tests"] = tests,
        };
        if (!gradable) root["format_errors"] = new JsonArray(r.Problems.Select(p => (JsonNode)p).ToArray());
        return root.ToJsonString(Json) + "\n";
    }
}
