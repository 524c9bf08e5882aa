# barrage runtime image. Build:  docker build -t barrage .
# Run a scenario mounted from the current directory:
#   docker run --rm -v "$PWD:/work" -w /work barrage run scenarios/quickstart.groovy
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
COPY engine engine
COPY stdlib stdlib
COPY dsl dsl
COPY repl repl
RUN mvn -B -q -DskipTests -pl repl -am package

# A JDK, not a JRE: scenarios written in Java are compiled at run time.
FROM eclipse-temurin:25-jdk
RUN useradd --create-home --uid 10001 barrage
COPY --from=build /src/repl/target/barrage.jar /opt/barrage/barrage.jar
USER barrage
ENV BARRAGE_CACHE=/home/barrage/.cache/barrage
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmn32m", "-XX:MetaspaceSize=96m", "-jar", "/opt/barrage/barrage.jar"]
CMD ["--help"]
