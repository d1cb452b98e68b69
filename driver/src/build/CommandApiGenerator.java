import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Generates the driver's typed command API from its one definition per command.
 *
 * <p>Input: the command definitions, one interface per family in
 * {@code io.vigil.driver.internal.command.definitions} ({@code StringDefinitions},
 * {@code HashDefinitions}…). Each {@code default} method returning {@code Spec<T>} is one
 * command: its Javadoc, its signature and, in its body, its wire form and reply decoder.
 *
 * <p>Output, under the given directory:
 * <ul>
 *   <li>{@code io.vigil.driver.commands.Redis<Family>Commands} (blocking: {@code Spec<Long>}
 *       becomes {@code long} unless the method is {@code @NullableReply}, {@code Spec<Void>}
 *       becomes {@code void}) and {@code Redis<Family>AsyncCommands} ({@code CompletionStage<T>}),
 *       with the definition's Javadoc;</li>
 *   <li>{@code io.vigil.driver.internal.client.SyncCommandsBase} and {@code AsyncCommandsBase},
 *       implementing every family by handing the definition's {@code Spec} to {@code await} or
 *       {@code submit};</li>
 *   <li>{@code io.vigil.driver.internal.command.CommandBuilder}, implementing every definition
 *       interface on one codec.</li>
 * </ul>
 *
 * <p>Run by the driver's build ({@code generate-sources}) with the JDK's source launcher:
 * {@code java CommandApiGenerator.java <definitions dir> <output dir>}. Files are rewritten only
 * when their content changes.
 */
public final class CommandApiGenerator {

  private static final String DEFINITIONS_PACKAGE = "io.vigil.driver.internal.command.definitions";
  private static final String GENERATED = "@javax.annotation.processing.Generated(\"CommandApiGenerator\")";
  private static final Set<String> UNBOXED = Set.of("Long", "Integer", "Boolean", "Double");

  private CommandApiGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CommandApiGenerator <definitions dir> <output dir>");
    }
    Path definitions = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<Family> families = parse(definitions);
    if (families.isEmpty()) {
      throw new IllegalStateException("no *Definitions.java in " + definitions);
    }
    int commands = 0;
    for (Family f : families) {
      write(out, "io.vigil.driver.commands", f.syncName(), syncInterface(f));
      write(out, "io.vigil.driver.commands", f.asyncName(), asyncInterface(f));
      commands += f.methods.size();
    }
    write(out, "io.vigil.driver.internal.client", "SyncCommandsBase", base(families, false));
    write(out, "io.vigil.driver.internal.client", "AsyncCommandsBase", base(families, true));
    write(out, "io.vigil.driver.internal.command", "CommandBuilder", builder(families));
    removeStale(out);
    System.out.println("CommandApiGenerator: " + families.size() + " families, " + commands + " command methods");
  }

  // --- parsing -------------------------------------------------------------------------------

  /** One definitions interface. */
  record Family(String name, String doc, List<String> imports, List<Method> methods) {
    String syncName() {
      return "Redis" + name + "Commands";
    }

    String asyncName() {
      return "Redis" + name + "AsyncCommands";
    }
  }

  /** One command method. */
  record Method(String doc, String typeParameters, String name, String result, String parameters,
      List<String> argumentNames, boolean nullable, boolean varargs) {

    String syncResult() {
      if (result.equals("Void")) {
        return "void";
      }
      if (!nullable && UNBOXED.contains(result)) {
        return result.equals("Integer") ? "int" : result.toLowerCase();
      }
      return result;
    }

    String call() {
      return name + "(" + String.join(", ", argumentNames) + ")";
    }

    String head() {
      return typeParameters.isEmpty() ? "" : typeParameters + " ";
    }
  }

  private static List<Family> parse(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith("Definitions.java")).sorted().toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    Iterable<? extends JavaFileObject> sources = fm.getJavaFileObjectsFromPaths(files);
    JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, sources);
    SourcePositions positions = Trees.instance(task).getSourcePositions();
    List<Family> families = new ArrayList<>();
    for (CompilationUnitTree unit : task.parse()) {
      String source = unit.getSourceFile().getCharContent(true).toString();
      String file = unit.getSourceFile().getName();
      for (Tree type : unit.getTypeDecls()) {
        if (type instanceof ClassTree c) {
          families.add(family(unit, c, source, positions, file));
        }
      }
    }
    return families;
  }

  private static Family family(CompilationUnitTree unit, ClassTree c, String source, SourcePositions positions,
      String file) {
    String simple = c.getSimpleName().toString();
    if (!simple.endsWith("Definitions") || simple.equals("Definitions")) {
      throw new IllegalStateException(file + ": expected an interface named <Family>Definitions, got " + simple);
    }
    String name = simple.substring(0, simple.length() - "Definitions".length());
    List<String> imports = new ArrayList<>();
    long afterImports = positions.getEndPosition(unit, unit.getPackage());
    for (ImportTree i : unit.getImports()) {
      imports.add(source.substring((int) positions.getStartPosition(unit, i), (int) positions.getEndPosition(unit, i)));
      afterImports = positions.getEndPosition(unit, i);
    }
    long classStart = positions.getStartPosition(unit, c);
    String doc = docBefore(source, (int) afterImports, (int) classStart);
    if (doc == null) {
      throw new IllegalStateException(file + ": " + simple + " needs a Javadoc (it becomes the interfaces' docs)");
    }
    List<Method> methods = new ArrayList<>();
    long previousEnd = source.indexOf('{', (int) classStart) + 1;
    for (Tree member : c.getMembers()) {
      long start = positions.getStartPosition(unit, member);
      long end = positions.getEndPosition(unit, member);
      if (member instanceof MethodTree m && m.getModifiers().getFlags().contains(Modifier.DEFAULT)) {
        methods.add(method(unit, m, source, positions, file, (int) previousEnd, (int) start));
      }
      previousEnd = end;
    }
    return new Family(name, doc, imports, methods);
  }

  private static Method method(CompilationUnitTree unit, MethodTree m, String source, SourcePositions positions,
      String file, int from, int start) {
    String name = m.getName().toString();
    String where = file + ": " + name;
    String doc = docBefore(source, from, start);
    if (doc == null) {
      throw new IllegalStateException(where + " needs a Javadoc: it is the command's public documentation");
    }
    if (!(m.getReturnType() instanceof ParameterizedTypeTree p) || !p.getType().toString().equals("Spec")
        || p.getTypeArguments().size() != 1) {
      throw new IllegalStateException(where + " must return Spec<T>");
    }
    String result = text(unit, p.getTypeArguments().get(0), source, positions);
    List<String> typeParameters = new ArrayList<>();
    for (TypeParameterTree t : m.getTypeParameters()) {
      typeParameters.add(text(unit, t, source, positions));
    }
    List<String> parameters = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean varargs = false;
    for (VariableTree v : m.getParameters()) {
      String text = text(unit, v, source, positions);
      parameters.add(text);
      names.add(v.getName().toString());
      // @SafeVarargs only where the element type is a type variable (K..., V...)
      varargs |= text.matches(".*\\b[A-Z]\\s*\\.\\.\\..*");
    }
    boolean nullable = false;
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      nullable |= a.getAnnotationType().toString().endsWith("NullableReply");
    }
    if (nullable && !UNBOXED.contains(result)) {
      throw new IllegalStateException(where + ": @NullableReply only applies to Long, Integer, Boolean or Double");
    }
    String tp = typeParameters.isEmpty() ? "" : "<" + String.join(", ", typeParameters) + ">";
    return new Method(doc, tp, name, result, String.join(", ", parameters), names, nullable, varargs);
  }

  private static String text(CompilationUnitTree unit, Tree t, String source, SourcePositions positions) {
    return source.substring((int) positions.getStartPosition(unit, t), (int) positions.getEndPosition(unit, t))
        .replaceAll("\\s+", " ");
  }

  /** The last Javadoc comment between {@code from} and {@code to}, lines stripped of indentation. */
  private static String docBefore(String source, int from, int to) {
    String between = source.substring(from, to);
    int open = between.lastIndexOf("/**");
    if (open < 0) {
      return null;
    }
    int close = between.indexOf("*/", open);
    List<String> lines = new ArrayList<>();
    for (String line : between.substring(open, close + 2).split("\n")) {
      String t = line.strip();
      lines.add(t.startsWith("*") ? " " + t : t);
    }
    return String.join("\n", lines);
  }

  // --- writing -------------------------------------------------------------------------------

  private static String syncInterface(Family f) {
    StringBuilder b = header("io.vigil.driver.commands", publicImports(f.imports));
    b.append(indent(familyDoc(f, "Blocking: each method sends one command and waits for its result, as described in"
        + " {@link io.vigil.driver.RedisCommands}."), ""));
    b.append(GENERATED).append('\n');
    b.append("public interface ").append(f.syncName()).append("<K, V> {\n");
    for (Method m : f.methods) {
      b.append('\n').append(indent(m.doc, "  "));
      b.append("  ").append(m.head()).append(m.syncResult()).append(' ').append(m.name).append('(')
          .append(m.parameters).append(");\n");
    }
    return b.append("}\n").toString();
  }

  private static String asyncInterface(Family f) {
    Set<String> imports = publicImports(f.imports);
    imports.add("import java.util.concurrent.CompletionStage;");
    StringBuilder b = header("io.vigil.driver.commands", imports);
    b.append(indent(familyDoc(f, "Asynchronous: each method sends one command and returns a stage that completes"
        + " on the driver's I/O thread, as described in {@link io.vigil.driver.RedisAsyncCommands}."), ""));
    b.append(GENERATED).append('\n');
    b.append("public interface ").append(f.asyncName()).append("<K, V> {\n");
    for (Method m : f.methods) {
      b.append('\n').append(indent(m.doc, "  "));
      b.append("  ").append(m.head()).append("CompletionStage<").append(m.result).append("> ").append(m.name)
          .append('(').append(m.parameters).append(");\n");
    }
    return b.append("}\n").toString();
  }

  private static String base(List<Family> families, boolean async) {
    Set<String> imports = new TreeSet<>();
    families.forEach(f -> imports.addAll(f.imports));
    imports.add("import io.vigil.driver.internal.command.CommandBuilder;");
    imports.add("import io.vigil.driver.internal.command.Spec;");
    String api = async ? "RedisAsyncCommands" : "RedisCommands";
    imports.add("import io.vigil.driver." + api + ";");
    if (async) {
      imports.add("import java.util.concurrent.CompletionStage;");
    }
    String name = async ? "AsyncCommandsBase" : "SyncCommandsBase";
    StringBuilder b = header("io.vigil.driver.internal.client", imports);
    b.append("/**\n * Every typed command, ").append(async ? "queued through {@link #submit}" : "sent through {@link #await}")
        .append(": each method hands its command's\n * definition (built by {@link CommandBuilder}) to one place that"
            + " decides how it runs.\n *\n * <p>Generated from the command definitions; do not edit.\n */\n");
    b.append(GENERATED).append('\n');
    b.append("public abstract class ").append(name).append("<K, V> implements ").append(api).append("<K, V> {\n\n");
    b.append("  /** Builds each command's arguments and reply decoder. */\n");
    b.append("  protected final CommandBuilder<K, V> commands;\n\n");
    b.append("  protected ").append(name).append("(CommandBuilder<K, V> commands) {\n");
    b.append("    this.commands = commands;\n  }\n\n");
    if (async) {
      b.append("  /** Sends (or queues) one command; the stage completes with its decoded result. */\n");
      b.append("  protected abstract <T> CompletionStage<T> submit(Spec<T> spec);\n");
    } else {
      b.append("  /** Sends one command and waits for its decoded result. */\n");
      b.append("  protected abstract <T> T await(Spec<T> spec);\n");
    }
    for (Family f : families) {
      for (Method m : f.methods) {
        b.append("\n  @Override\n");
        if (m.varargs) {
          b.append("  @SafeVarargs\n");
        }
        String result = async ? "CompletionStage<" + m.result + ">" : m.syncResult();
        b.append("  public final ").append(m.head()).append(result).append(' ').append(m.name).append('(')
            .append(m.parameters).append(") {\n");
        String call = (async ? "submit" : "await") + "(commands." + m.call() + ")";
        b.append(result.equals("void") ? "    " + call + ";\n" : "    return " + call + ";\n");
        b.append("  }\n");
      }
    }
    return b.append("}\n").toString();
  }

  private static String builder(List<Family> families) {
    Set<String> imports = new TreeSet<>();
    imports.add("import io.vigil.driver.codec.RedisCodec;");
    List<String> interfaces = new ArrayList<>();
    for (Family f : families) {
      imports.add("import " + DEFINITIONS_PACKAGE + "." + f.name + "Definitions;");
      interfaces.add(f.name + "Definitions<K, V>");
    }
    StringBuilder b = header("io.vigil.driver.internal.command", imports);
    b.append("/**\n * Builds every typed command on one codec: the definitions' default methods, with the codec\n"
        + " * and cached reply decoders of {@link CommandSupport}.\n *\n * <p>Immutable and thread-safe."
        + " Generated from the command definitions; do not edit.\n */\n");
    b.append(GENERATED).append('\n');
    b.append("public final class CommandBuilder<K, V> extends CommandSupport<K, V>\n    implements ")
        .append(String.join(",\n        ", interfaces)).append(" {\n\n");
    b.append("  /** A builder encoding keys and values with {@code codec}, classifying generic commands with"
        + " {@code table}. */\n");
    b.append("  public CommandBuilder(RedisCodec<K, V> codec, CommandTable table) {\n");
    b.append("    super(codec, table);\n  }\n");
    return b.append("}\n").toString();
  }

  /** Deletes generated files of families that no longer exist. */
  private static void removeStale(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (!WRITTEN.contains(p.toAbsolutePath().normalize())) {
          Files.delete(p);
        }
      }
    }
  }

  private static Set<String> publicImports(List<String> imports) {
    Set<String> out = new TreeSet<>();
    for (String i : imports) {
      if (!i.contains("io.vigil.driver.internal.")) {
        out.add(i);
      }
    }
    return out;
  }

  private static String familyDoc(Family f, String contract) {
    String doc = f.doc.substring(0, f.doc.length() - 2).stripTrailing();
    if (!doc.startsWith("/**\n")) {
      doc = "/**\n * " + doc.substring(3).strip();
    }
    return doc + "\n *\n * <p>" + contract + "\n *\n * @param <K> the key type (hash fields and channels too)\n"
        + " * @param <V> the value type (members and messages too)\n */";
  }

  private static StringBuilder header(String pkg, Set<String> imports) {
    StringBuilder b = new StringBuilder("package ").append(pkg).append(";\n\n");
    for (String i : imports) {
      b.append(i.endsWith(";") ? i : i + ";").append('\n');
    }
    return b.append('\n');
  }

  private static String indent(String doc, String prefix) {
    StringBuilder b = new StringBuilder();
    for (String line : doc.split("\n")) {
      b.append(prefix).append(line).append('\n');
    }
    return b.toString();
  }

  private static final Set<Path> WRITTEN = new java.util.HashSet<>();

  private static void write(Path out, String pkg, String name, String content) {
    Path file = out.resolve(pkg.replace('.', '/')).resolve(name + ".java");
    WRITTEN.add(file.toAbsolutePath().normalize());
    try {
      if (Files.exists(file) && Files.readString(file).equals(content)) {
        return;
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
