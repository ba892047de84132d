import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs GraalVM's native-image builder (SubstrateVM, from Maven Central) over the arguments Quarkus generated in
 * target/native-sources/native-image.args, up to the object file, and writes a report. Started by analyse.sh:
 *
 * <pre>java Analyse.java BUILDER_LIB_DIR NATIVE_SOURCES_DIR OUTPUT_DIR</pre>
 *
 * The builder is normally started by GraalVM's `native-image` driver, which is not published on Maven Central.
 * This class does the driver's part for the options Quarkus uses (see {@link #translate}): it turns driver options
 * into the builder's hosted options (-H:...), reads the image class path's META-INF/native-image files, computes
 * the --add-exports the builder's modules need from the JDK, and runs
 * com.oracle.svm.hosted.NativeImageGeneratorRunner with -H:+ExitAfterRelocatableImageWrite, so it stops after
 * writing the image's object file, just before the link. An option it does not know stops it with a message naming
 * the option, rather than being passed on wrongly.
 *
 * Three things a GraalVM/Mandrel distribution has and Maven Central does not are stood in for, each only for code
 * that is compiled here and never linked or run: SubstrateVM's C headers (generated, {@link #writeStandInHeaders}),
 * the progress reporter's C helper (src/main/native/patch), and the JVMCI version the compiler expects (a warning,
 * see {@link #runBuilder}).
 */
public class Analyse {

    static final String GENERATOR_MODULE = "org.graalvm.nativeimage.builder";
    static final String GENERATOR = GENERATOR_MODULE + "/com.oracle.svm.hosted.NativeImageGeneratorRunner";

    /** META-INF/native-image configuration files and the builder option the driver passes each with. */
    static final Map<String, String> CONFIG_FILES = Map.of(
            "reachability-metadata.json", "ReachabilityMetadataResources",
            "jni-config.json", "JNIConfigurationResources",
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources");

    record Exclusion(Pattern jar, Pattern resource) {
    }

    final List<String> javaArgs = new ArrayList<>();
    final List<String> builderArgs = new ArrayList<>();
    final LinkedHashSet<Path> imageClasspath = new LinkedHashSet<>();
    final List<Exclusion> exclusions = new ArrayList<>();
    String imageName;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java Analyse.java BUILDER_LIB_DIR NATIVE_SOURCES_DIR OUTPUT_DIR");
            System.exit(2);
        }
        System.exit(new Analyse().run(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(),
                Path.of(args[2]).toAbsolutePath()));
    }

    int run(Path builderLib, Path sources, Path out) throws Exception {
        Path argsFile = sources.resolve("native-image.args");
        List<String> quarkusArgs = tokenize(Files.readString(argsFile));
        translate(quarkusArgs, sources, "native-image.args");
        for (Path entry : new ArrayList<>(imageClasspath)) {
            readMetaInf(entry);
        }

        List<Path> builderJars;
        try (Stream<Path> files = Files.list(builderLib)) {
            builderJars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        Path tmp = out.resolve("tmp");
        Files.createDirectories(tmp);
        Path headers = out.resolve("clibraries");
        writeStandInHeaders(builderJars, headers);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(builderJvmArgs(builderJars));
        command.addAll(javaArgs);
        String patch = System.getProperty("builder.patch");
        if (patch != null) {
            // classes of src/main/native/patch, each standing in for a builder class that needs a GraalVM distribution
            command.add("--patch-module=" + GENERATOR_MODULE + "=" + Path.of(patch).toAbsolutePath());
        }
        // The JDK has its own jdk.graal.compiler module; the builder needs the one it was built with.
        command.add("--upgrade-module-path");
        command.add(String.join(":", builderJars.stream().filter(Analyse::isCompiler).map(Path::toString).toList()));
        command.add("--module-path");
        command.add(String.join(":", builderJars.stream().filter(j -> !isCompiler(j)).map(Path::toString).toList()));
        command.add("--module");
        command.add(GENERATOR);
        command.add("-imagecp");
        command.add(String.join(":", imageClasspath.stream().map(Path::toString).toList()));
        command.addAll(builderArgs);
        command.add("-H:CLibraryPath=" + headers);
        command.add("-H:Path=" + out);
        command.add("-H:ImageBuildID=" + UUID.nameUUIDFromBytes(quarkusArgs.toString().getBytes(StandardCharsets.UTF_8)));
        command.add("-H:+UnlockExperimentalVMOptions");
        // Stop after the object file is written: the link needs SubstrateVM's C libraries and the JDK's static
        // libraries, which only a GraalVM/Mandrel distribution has. TempDirectory keeps the object file.
        command.add("-H:+ExitAfterRelocatableImageWrite");
        command.add("-H:TempDirectory=" + tmp);
        command.add("-H:-UnlockExperimentalVMOptions");
        Files.write(out.resolve("builder-command.txt"), command);
        if (Boolean.getBoolean("analyse.dryRun")) {
            System.out.println("dry run: the builder's command is in " + out.resolve("builder-command.txt"));
            return 0;
        }

        return runBuilder(command, sources, out, tmp);
    }

    static boolean isCompiler(Path jar) {
        return jar.getFileName().toString().startsWith("compiler-");
    }

    // ---- the driver's part: native-image options -> builder options -------------------------------------------

    /** Quarkus writes the arguments separated by spaces, quoting none of them. */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String t : text.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    void translate(List<String> args, Path workDir, String origin) throws IOException {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-J")) {
                javaArgs.add(arg.substring(2));
            } else if (arg.startsWith("-H:")) {
                builderArgs.add(arg);
            } else if (arg.equals("--no-fallback")) {
                builderArgs.add("-H:FallbackThreshold=0");
            } else if (arg.equals("--link-at-build-time")) {
                builderArgs.add("-H:LinkAtBuildTime=");
            } else if (arg.startsWith("--features=")) {
                builderArgs.add("-H:Features=" + value(arg));
            } else if (arg.startsWith("--initialize-at-build-time=")) {
                builderArgs.add("-H:ClassInitialization=" + initialization(value(arg), "build_time"));
            } else if (arg.startsWith("--initialize-at-run-time=")) {
                builderArgs.add("-H:ClassInitialization=" + initialization(value(arg), "run_time"));
            } else if (arg.startsWith("--enable-url-protocols=")) {
                builderArgs.add("-H:EnableURLProtocols=" + value(arg));
            } else if (arg.startsWith("--enable-monitoring=")) {
                builderArgs.add("-H:EnableMonitoringFeatures=" + value(arg));
            } else if (arg.startsWith("--enable-native-access=")) {
                builderArgs.add("-H:EnableNativeAccess=" + value(arg));
            } else if (arg.equals("--exclude-config")) {
                exclusions.add(new Exclusion(Pattern.compile(args.get(++i)), Pattern.compile(args.get(++i))));
            } else if (arg.equals("-jar")) {
                addJar(workDir.resolve(args.get(++i)));
            } else if (!arg.startsWith("-") && imageName == null && origin.equals("native-image.args")) {
                imageName = arg;
                builderArgs.add("-H:Name=" + arg);
            } else {
                throw new IllegalArgumentException("native-image option '" + arg + "' (from " + origin + ") is not "
                        + "translated by src/main/native/Analyse.java; add its builder (-H:) form to translate(), "
                        + "as GraalVM's driver (com.oracle.svm.driver.NativeImage) does");
            }
        }
    }

    static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    /** As ClassInitializationOptions' value transformers: each class or package gets ":build_time"/":run_time". */
    static String initialization(String list, String when) {
        return String.join(",", Stream.of(list.split(",")).map(c -> c + ":" + when).toList());
    }

    void addJar(Path jar) throws IOException {
        imageClasspath.add(jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            var attributes = file.getManifest().getMainAttributes();
            builderArgs.add("-H:Class=" + attributes.getValue("Main-Class"));
            String classPath = attributes.getValue("Class-Path");
            if (classPath != null) {
                for (String entry : classPath.trim().split(" +")) {
                    imageClasspath.add(jar.getParent().resolve(entry).normalize());
                }
            }
            for (String[] attribute : new String[][] {{"Add-Opens", "AddOpens"}, {"Add-Exports", "AddExports"}}) {
                String packages = attributes.getValue(attribute[0]);
                if (packages != null) {
                    for (String p : packages.trim().split(" +")) {
                        builderArgs.add("-H:" + attribute[1] + "=" + p + "=ALL-UNNAMED");
                    }
                }
            }
        }
    }

    /** The driver reads META-INF/native-image of every class-path entry: properties files and config files. */
    void readMetaInf(Path entry) throws IOException {
        if (!Files.isRegularFile(entry)) {
            return;
        }
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            List<? extends ZipEntry> entries = zip.stream()
                    .filter(e -> e.getName().startsWith("META-INF/native-image/") && !e.isDirectory())
                    .sorted(Comparator.comparing(ZipEntry::getName)).toList();
            for (ZipEntry e : entries) {
                String name = e.getName();
                String fileName = name.substring(name.lastIndexOf('/') + 1);
                if (isExcluded(entry, name)) {
                    continue;
                }
                if (fileName.equals("native-image.properties")) {
                    Properties properties = new Properties();
                    try (InputStream in = zip.getInputStream(e)) {
                        properties.load(in);
                    }
                    String origin = entry.getFileName() + "!/" + name;
                    for (String key : properties.stringPropertyNames()) {
                        switch (key) {
                            case "Args" -> translate(tokenize(properties.getProperty(key)), entry.getParent(), origin);
                            case "JavaArgs" -> javaArgs.addAll(tokenize(properties.getProperty(key)));
                            default -> throw new IllegalArgumentException(
                                    "native-image.properties key '" + key + "' in " + origin + " is not handled");
                        }
                    }
                } else if (CONFIG_FILES.containsKey(fileName)) {
                    builderArgs.add("-H:" + CONFIG_FILES.get(fileName) + "=" + name);
                }
            }
        }
    }

    boolean isExcluded(Path jar, String resource) {
        return exclusions.stream().anyMatch(x -> x.jar().matcher(jar.toString()).find()
                && x.resource().matcher("/" + resource).find());
    }

    // ---- the builder's JVM: JVMCI, and the JDK-internal packages its modules use ------------------------------

    List<String> builderJvmArgs(List<Path> builderJars) throws IOException {
        List<String> jvm = new ArrayList<>(List.of(
                "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
                "-XX:+UseParallelGC", "-Xss10m",
                "-Xmx" + System.getProperty("builder.xmx", "8g"),
                "-Djava.awt.headless=true",
                "-Dorg.graalvm.vendor=GraalVM Community (Maven Central artifacts)",
                "-Dorg.graalvm.version=" + System.getProperty("graalvm.version", "dev"),
                // the driver sets this; Quarkus's Feature parses it (GraalVM.Version.getCurrent) and fails without it
                "-Dorg.graalvm.vendorversion=GraalVM CE " + System.getProperty("graalvm.version", "dev"),
                "-Dcom.oracle.graalvm.isaot=true",
                "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
                "-Dorg.graalvm.nativeimage.imagecode=buildtime",
                "-Xshare:off",
                "-Djdk.internal.lambda.disableEagerInitialization=true",
                "-Djdk.internal.lambda.eagerlyInitialize=false",
                "-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false",
                "-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1",
                "-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false",
                "--add-modules=ALL-DEFAULT"));
        ModuleFinder finder = ModuleFinder.of(builderJars.toArray(Path[]::new));
        List<ModuleReference> builderModules = finder.findAll().stream()
                .sorted(Comparator.comparing(m -> m.descriptor().name())).toList();
        jvm.add("--enable-native-access=" + String.join(",", builderModules.stream().map(m -> m.descriptor().name()).toList()));
        jvm.addAll(accessToJdkInternals(builderModules));
        return jvm;
    }

    /**
     * GraalVM's build (mx) derives these flags from each module's "requiresConcealed" list; the published jars do
     * not carry that list, so it is read from the code: every JDK package a builder module's classes refer to that
     * its JDK module does not export to everyone gets --add-exports to exactly that builder module (and
     * --add-reads where the builder module does not require the JDK module).
     */
    static List<String> accessToJdkInternals(List<ModuleReference> builderModules) throws IOException {
        Map<String, ModuleDescriptor> jdkPackages = new TreeMap<>();
        Set<String> upgraded = new TreeSet<>(builderModules.stream().map(m -> m.descriptor().name()).toList());
        for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
            if (upgraded.contains(m.descriptor().name())) {
                continue;
            }
            for (String p : m.descriptor().packages()) {
                jdkPackages.put(p, m.descriptor());
            }
        }
        Map<String, Set<String>> exports = new TreeMap<>(); // "jdkModule/package" -> builder modules
        Set<String> reads = new TreeSet<>();
        for (ModuleReference m : builderModules) {
            ModuleDescriptor builder = m.descriptor();
            Set<String> required = new TreeSet<>(builder.requires().stream().map(ModuleDescriptor.Requires::name).toList());
            for (String pkg : referencedPackages(Path.of(m.location().orElseThrow()))) {
                ModuleDescriptor jdk = jdkPackages.get(pkg);
                if (jdk == null || exportedToAll(jdk, pkg) || exportedTo(jdk, pkg, builder.name())) {
                    continue;
                }
                exports.computeIfAbsent(jdk.name() + "/" + pkg, k -> new TreeSet<>()).add(builder.name());
                if (!jdk.name().equals("java.base") && !required.contains(jdk.name())) {
                    reads.add(builder.name() + "=" + jdk.name());
                }
            }
        }
        List<String> flags = new ArrayList<>();
        exports.forEach((pkg, modules) -> flags.add("--add-exports=" + pkg + "=" + String.join(",", modules)));
        reads.forEach(r -> flags.add("--add-reads=" + r));
        return flags;
    }

    static boolean exportedToAll(ModuleDescriptor m, String pkg) {
        return m.exports().stream().anyMatch(e -> e.source().equals(pkg) && !e.isQualified());
    }

    static boolean exportedTo(ModuleDescriptor m, String pkg, String target) {
        return m.exports().stream().anyMatch(e -> e.source().equals(pkg) && e.targets().contains(target));
    }

    static Set<String> referencedPackages(Path jar) throws IOException {
        Set<String> packages = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().filter(e -> e.getName().endsWith(".class")
                    && !e.getName().endsWith("module-info.class")).toList()) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                for (PoolEntry entry : ClassFile.of().parse(bytes).constantPool()) {
                    if (entry instanceof ClassEntry c) {
                        String name = c.asInternalName().replaceFirst("^\\[+L?", "").replace(";", "");
                        int slash = name.lastIndexOf('/');
                        if (slash > 0) {
                            packages.add(name.substring(0, slash).replace('/', '.'));
                        }
                    }
                }
            }
        }
        return packages;
    }

    // ---- SubstrateVM's own C headers ------------------------------------------------------------------------------

    /**
     * The builder compiles small C programs ("C queries") against SubstrateVM's C headers to learn the layout of the
     * structs its Java code declares with @CStruct. Two of those headers ship only in GraalVM/Mandrel's
     * lib/svm/clibraries, not on Maven Central; without them the build stops with "Header file
     * include/svm_locale.h not found". This writes stand-ins declaring exactly the structs and members the
     * builder's @CStruct/@CField/@CConstant declarations ask for, read from the builder's class files: for each
     * "include/NAME.h" that a CContext directives class names (via ProjectHeaderFile), the structs and constants of
     * the classes in that context. The layout they give
     * is only used for code that is compiled here and never linked or run.
     */
    static void writeStandInHeaders(List<Path> builderJars, Path dir) throws IOException {
        Path svm = builderJars.stream().filter(j -> j.getFileName().toString().startsWith("svm-2")).findFirst().orElseThrow();
        Map<String, String> contexts = new TreeMap<>(); // class -> its @CContext directives class
        Map<String, java.lang.classfile.ClassModel> structs = new TreeMap<>();
        Map<String, java.lang.classfile.ClassModel> withContext = new TreeMap<>();
        Map<String, String> standInHeaders = new TreeMap<>(); // "include/x.h" -> directives class naming it
        try (ZipFile zip = new ZipFile(svm.toFile())) {
            for (ZipEntry e : zip.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                java.lang.classfile.ClassModel model;
                try (InputStream in = zip.getInputStream(e)) {
                    model = ClassFile.of().parse(in.readAllBytes());
                }
                for (PoolEntry entry : model.constantPool()) {
                    if (entry instanceof java.lang.classfile.constantpool.StringEntry str
                            && str.stringValue().matches("include/[A-Za-z0-9_]+\\.h")) {
                        standInHeaders.put(str.stringValue(), model.thisClass().asInternalName());
                    }
                }
                for (var a : annotations(model.attributes())) {
                    String type = a.className().stringValue();
                    if (type.equals("Lorg/graalvm/nativeimage/c/CContext;")) {
                        var v = (java.lang.classfile.AnnotationValue.OfClass) a.elements().getFirst().value();
                        contexts.put(model.thisClass().asInternalName(), v.className().stringValue());
                        withContext.put(model.thisClass().asInternalName(), model);
                    } else if (type.equals("Lorg/graalvm/nativeimage/c/struct/CStruct;")) {
                        structs.put(model.thisClass().asInternalName(), model);
                    }
                }
            }
        }
        for (var header : standInHeaders.entrySet()) {
            StringBuilder h = new StringBuilder("/* Stand-in written by src/main/native/Analyse.java for SubstrateVM's "
                    + header.getKey() + " (see writeStandInHeaders). */\n#include <stddef.h>\n\n");
            int[] value = {0};
            withContext.forEach((name, model) -> {
                if (("L" + header.getValue() + ";").equals(contexts.get(name))) {
                    // @CConstant: the builder asks for size, signedness and value; distinct values keep them apart
                    for (var method : model.methods()) {
                        for (var a : annotations(method.attributes())) {
                            if (a.className().stringValue().equals("Lorg/graalvm/nativeimage/c/constant/CConstant;")) {
                                String constant = stringElement(a, method.methodName().stringValue());
                                h.append("#define ").append(constant).append(' ').append(value[0]++).append("\n");
                            }
                        }
                    }
                }
            });
            h.append("\n");
            structs.forEach((name, model) -> {
                String context = contexts.getOrDefault(name, contexts.get(name.replaceFirst("\\$[^$]*$", "")));
                if (("L" + header.getValue() + ";").equals(context)) {
                    h.append(struct(model));
                }
            });
            Path file = dir.resolve(header.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, h);
        }
    }

    static List<java.lang.classfile.Annotation> annotations(List<? extends java.lang.classfile.Attribute<?>> attributes) {
        List<java.lang.classfile.Annotation> result = new ArrayList<>();
        for (var attribute : attributes) {
            if (attribute instanceof java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute r) {
                result.addAll(r.annotations());
            } else if (attribute instanceof java.lang.classfile.attribute.RuntimeInvisibleAnnotationsAttribute r) {
                result.addAll(r.annotations());
            }
        }
        return result;
    }

    static String stringElement(java.lang.classfile.Annotation a, String otherwise) {
        for (var element : a.elements()) {
            if (element.name().stringValue().equals("value")
                    && element.value() instanceof java.lang.classfile.AnnotationValue.OfString s && !s.stringValue().isEmpty()) {
                return s.stringValue();
            }
        }
        return otherwise;
    }

    static String struct(java.lang.classfile.ClassModel model) {
        String simple = model.thisClass().asInternalName().replaceFirst(".*[/$]", "");
        String name = simple;
        for (var a : annotations(model.attributes())) {
            if (a.className().stringValue().equals("Lorg/graalvm/nativeimage/c/struct/CStruct;")) {
                name = stringElement(a, simple);
            }
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (var method : model.methods()) {
            for (var a : annotations(method.attributes())) {
                if (!a.className().stringValue().equals("Lorg/graalvm/nativeimage/c/struct/CField;")) {
                    continue;
                }
                String field = stringElement(a, method.methodName().stringValue());
                var type = method.methodTypeSymbol();
                var javaType = type.parameterCount() == 0 ? type.returnType() : type.parameterType(type.parameterCount() - 1);
                fields.putIfAbsent(field, switch (javaType.descriptorString()) {
                    case "Z", "B" -> "unsigned char";
                    case "S", "C" -> "short";
                    case "I" -> "int";
                    case "J" -> "long long";
                    case "F" -> "float";
                    case "D" -> "double";
                    case "Lorg/graalvm/nativeimage/c/type/CCharPointer;" -> "char *";
                    default -> "void *";
                });
            }
        }
        StringBuilder s = new StringBuilder("typedef struct {\n");
        fields.forEach((field, type) -> s.append("  ").append(type).append(' ').append(field).append(";\n"));
        return s.append("} ").append(name).append(";\n\n").toString();
    }

    // ---- running it and the report ----------------------------------------------------------------------------

    static final Pattern STAGE = Pattern.compile("^\\[(\\d+)/(\\d+)\\]\\s+(.*?)\\s*(?:\\((\\d+(?:\\.\\d+)?s) @ (\\d+(?:\\.\\d+)?GB)\\))?$");
    static final Pattern PROBLEM = Pattern.compile("(?i)(^|\\W)(error|warning|exception)s?\\b");

    int runBuilder(List<String> command, Path sources, Path out, Path tmp) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(sources.toFile()).redirectErrorStream(true);
        pb.environment().put("USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM", "true");
        pb.environment().put("DRIVER_TEMP_DIR_ENV_VARIABLE", tmp.toString());
        // The compiler checks the JDK's JVMCI version against the GraalVM JDK it was released with (25.0.4+7-jvmci
        // for 25.0.4); a Temurin JDK 25 update has the same JVMCI API under another version string. "warn" keeps
        // the check visible in the report instead of stopping.
        pb.environment().putIfAbsent("JVMCI_VERSION_CHECK", "warn");
        Instant start = Instant.now();
        Process process = pb.start();
        long[] peakRssKb = {0};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            while (process.isAlive()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peakRssKb[0] = Math.max(peakRssKb[0], Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                    Thread.sleep(1000);
                } catch (Exception ignored) {
                    return;
                }
            }
        });
        List<String> log = new ArrayList<>();
        Path logFile = out.resolve("builder.log");
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var writer = Files.newBufferedWriter(logFile)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String stamped = "[+" + Duration.between(start, Instant.now()).toSeconds() + "s] " + line;
                System.out.println(stamped);
                writer.write(stamped);
                writer.newLine();
                writer.flush();
                log.add(line);
            }
        }
        int exit = process.waitFor();
        sampler.join(2000);
        Duration total = Duration.between(start, Instant.now());
        writeReport(command, log, exit, total, peakRssKb[0], out, tmp);
        System.out.println();
        System.out.print(Files.readString(out.resolve("report.txt")));
        return objectFiles(tmp).isEmpty() ? (exit == 0 ? 1 : exit) : 0;
    }

    static List<Path> objectFiles(Path tmp) throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(p -> p.toString().endsWith(".o")).toList();
        }
    }

    void writeReport(List<String> command, List<String> log, int exit, Duration total, long peakRssKb, Path out, Path tmp)
            throws IOException {
        List<Path> objects = objectFiles(tmp);
        try (PrintWriter r = new PrintWriter(Files.newBufferedWriter(out.resolve("report.txt")))) {
            r.printf("Native-image builder analysis of %s (GraalVM %s builder from Maven Central, on %s %s)%n",
                    imageName, System.getProperty("graalvm.version", "?"), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"));
            r.printf("Date: %s; machine: %d cores, %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(), memTotal());
            r.printf("Builder exit status: %d; wall time %ds; peak RSS of the builder JVM %.2f GB%n%n", exit,
                    total.toSeconds(), peakRssKb / 1024.0 / 1024.0);
            r.println("Phases reached (the builder's own figures: time of the phase @ memory in use after it):");
            for (String line : log) {
                Matcher m = STAGE.matcher(line.strip());
                if (m.matches()) {
                    r.printf("  [%s/%s] %-40s %s%n", m.group(1), m.group(2), m.group(3),
                            m.group(4) == null ? "(not finished)" : m.group(4) + " @ " + m.group(5));
                }
            }
            r.println();
            r.println("Reachability and size (from the builder's output):");
            for (String line : log) {
                String s = line.strip();
                if (s.matches(".*\\b(reachable|registered for reflection|of image heap|code area|image heap|Peak RSS|CPU load).*")
                        && !s.startsWith("[")) {
                    r.println("  " + s);
                }
            }
            r.println();
            r.println("Object file (the link is not run here):");
            if (objects.isEmpty()) {
                r.println("  none written");
            }
            for (Path o : objects) {
                r.printf("  %s  %,d bytes (%.1f MB)%n", out.relativize(o), Files.size(o), Files.size(o) / 1e6);
            }
            r.println();
            r.println("Errors and warnings in the builder's output, in full:");
            boolean any = false;
            for (int i = 0; i < log.size(); i++) {
                if (PROBLEM.matcher(log.get(i)).find() && !log.get(i).strip().startsWith("[")) {
                    any = true;
                    r.println("  " + log.get(i));
                    // the lines that belong to it: indented, stack frames, or "Caused by"
                    while (i + 1 < log.size() && !log.get(i + 1).isBlank()
                            && (Character.isWhitespace(log.get(i + 1).charAt(0)) || log.get(i + 1).startsWith("Caused by")
                            || log.get(i + 1).startsWith("Detailed message") || log.get(i + 1).startsWith("Trace"))) {
                        r.println("  " + log.get(++i));
                    }
                }
            }
            if (!any) {
                r.println("  none");
            }
            r.println();
            r.println("Full output: " + out.relativize(out.resolve("builder.log")) + "; command: builder-command.txt");
        }
    }

    static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "memory unknown";
        }
    }
}
