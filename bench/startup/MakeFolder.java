import io.pipelinetasks.packaging.TaskFolderBuilder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds a benchmark task folder with the real packaging code: {@code java -cp <plugin and
 * task-json classes> MakeFolder.java TASK_JSON JAR OUTPUT APPCDS(true|false) [JVM OPTION...]}.
 */
public class MakeFolder {
  public static void main(String[] args) {
    List<String> options = Arrays.asList(args).subList(4, args.length);
    Map<String, String> inputs = new java.util.LinkedHashMap<>();
    for (int i = 1; i <= 10; i++) {
      inputs.put("input" + i, "value " + i);
    }
    TaskFolderBuilder.forTask(Path.of(args[0]))
        .jar(Path.of(args[1]))
        .jvmOptions(options)
        .appCds(Boolean.parseBoolean(args[3]))
        .trainingInputs(inputs)
        .log(System.out::println)
        .build(Path.of(args[2]));
  }
}
