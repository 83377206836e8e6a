<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/actions.py" line="45"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="47"/>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="49"/>
        <source>Read a model file (.npz) saved by MNIST Studio; the pad then reads with it.</source>
        <translation>读取 MNIST Studio 保存的模型文件（.npz），之后画板就用它来识别。</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="55"/>
        <source>Open &amp;image…</source>
        <translation>打开图片(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="57"/>
        <source>Put a picture of a digit (PNG, JPEG, BMP…) on the drawing pad and read it like a drawing.</source>
        <translation>把一张数字图片（PNG、JPEG、BMP 等）放到画板上，像手写的数字一样识别它。</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="64"/>
        <source>&amp;Save model…</source>
        <translation>保存模型(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="66"/>
        <source>Save the trained network&apos;s weights to a model file (.npz).</source>
        <translation>把训练好的神经网络的权重保存为模型文件（.npz）。</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="70"/>
        <source>&amp;Export loss history as CSV…</source>
        <translation>导出损失记录为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="72"/>
        <source>Write every iteration&apos;s loss (and each epoch&apos;s accuracy) to a CSV file for a spreadsheet.</source>
        <translation>把每次迭代的损失（以及每个 epoch 的识别精度）写入 CSV 文件，可以用电子表格打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="84"/>
        <source>Choose MNIST &amp;folder…</source>
        <translation>选择 MNIST 文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="88"/>
        <source>&amp;Download MNIST</source>
        <translation>下载 MNIST(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="92"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="96"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="97"/>
        <source>&amp;Start</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="99"/>
        <source>&amp;Pause / Resume</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="101"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="102"/>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="107"/>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="118"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="120"/>
        <source>&amp;Log scale for the loss</source>
        <translation>损失使用对数坐标(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="127"/>
        <source>&amp;New sample digits</source>
        <translation>换一批样本数字(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="133"/>
        <source>&amp;Clear the pad</source>
        <translation>清除画板(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="138"/>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="140"/>
        <source>Full screen with large text, numbers and curves, for a projector (F11 again to leave).</source>
        <translation>全屏显示，文字、数字和曲线都放大，适合投影（再按 F11 退出）。</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="149"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="154"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="157"/>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="162"/>
        <source>Reset &amp;layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="164"/>
        <source>Language</source>
        <translation>语言 (Language)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="171"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="181"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/actions.py" line="182"/>
        <source>&amp;About MNIST Studio</source>
        <translation>关于 MNIST Studio(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ActivationView</name>
    <message>
        <location filename="../../desktop/activation_view.py" line="112"/>
        <source>Your digit inside the network</source>
        <extracomment>How many top contributing units are shown with their pictures.</extracomment>
        <translation>你写的数字在神经网络内部</translation>
    </message>
    <message>
        <location filename="../../desktop/activation_view.py" line="119"/>
        <source>Draw a digit on the pad, or click a test digit, to see it inside the network.</source>
        <translation>在画板上写一个数字，或者点击一个测试数字，就能看到它在神经网络内部的样子。</translation>
    </message>
    <message>
        <location filename="../../desktop/activation_view.py" line="113"/>
        <source>scores before softmax</source>
        <translation>softmax 之前的得分</translation>
    </message>
    <message>
        <location filename="../../desktop/activation_view.py" line="114"/>
        <source>probabilities after softmax</source>
        <translation>softmax 之后的概率</translation>
    </message>
    <message>
        <location filename="../../desktop/activation_view.py" line="188"/>
        <source>Read as {0} ({1:.0%} sure). Bright squares: hidden units that fire for this image.</source>
        <translation>识别为 {0}（置信度 {1:.0%}）。亮的方块：被这张图像激活的隐藏单元。</translation>
    </message>
    <message>
        <location filename="../../desktop/activation_view.py" line="193"/>
        <source>Why {0}? The units that add most to its score (activation × weight to {0}):</source>
        <translation>为什么是 {0}？对它的得分贡献最大的隐藏单元（激活值 × 连到 {0} 的权重）：</translation>
    </message>
    <message>
        <location filename="../../desktop/activation_view.py" line="205"/>
        <source>unit {0}: {1:.3f} × {2:+.3f} = {3:+.3f}</source>
        <translation>单元 {0}：{1:.3f} × {2:+.3f} = {3:+.3f}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/activation_view.py" line="217"/>
        <source>the other %Ln unit(s): {0:+.3f}; bias b2[{1}]: {2:+.3f}; score of {1}: {3:.3f}</source>
        <translation>
            <numerusform>其余 %Ln 个单元：{0:+.3f}；偏置 b2[{1}]：{2:+.3f}；{1} 的得分：{3:.3f}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="46"/>
        <location filename="../../desktop/compare_outputs.py" line="49"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="47"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="48"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="54"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="56"/>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="94"/>
        <source>backprop is %1x faster</source>
        <translation>误差反向传播快 %1 倍</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="102"/>
        <source>over the %Ln iterations both have done, their losses differ by at most %1</source>
        <translation>在两者都完成的 %Ln 次迭代中，损失之差最多为 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="111"/>
        <source>the lesson&apos;s element-by-element loop: about %1 days for 10,000 iterations</source>
        <translation>教程逐个元素计算的循环：10,000 次迭代约需 %1 天</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="125"/>
        <source>Compared run: %1</source>
        <translation>对比的训练：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="136"/>
        <source>The drawing pad now reads with “%1”.</source>
        <translation>画板现在用“%1”识别。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="159"/>
        <source>Saved “%1” to %2.</source>
        <translation>已把“%1”保存到 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="191"/>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="199"/>
        <source>Export all runs</source>
        <translation>导出所有训练</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="207"/>
        <source>Save plot as PNG</source>
        <translation>把图保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="215"/>
        <source>{path}: could not save the picture ({reason})</source>
        <translation>{path}：无法保存图片（{reason}）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="138"/>
        <source>Experiment:</source>
        <extracomment>Run ids of compared runs start here, clear of the Training page&apos;s runs (1, 2, ...).</extracomment>
        <translation>实验：</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="141"/>
        <source>Your own runs (Training settings)</source>
        <translation>你自己的训练（用“训练”页的设置）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="143"/>
        <source>Iterations:</source>
        <translation>迭代次数：</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="144"/>
        <source>How many iterations each run trains.</source>
        <translation>每次训练迭代多少次。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="145"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="146"/>
        <location filename="../../desktop/compare_page.py" line="314"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="147"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="148"/>
        <source>Add the Training settings as a run</source>
        <translation>把“训练”页的设置添加为一次训练</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/compare_page.py" line="151"/>
        <source>Change one setting on the Training page, then add it here: up to %Ln runs.</source>
        <translation>
            <numerusform>在“训练”页改动一项设置，再添加到这里：最多 %Ln 次训练。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="154"/>
        <source>Remove the selected run</source>
        <translation>删除选中的训练</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="155"/>
        <source>Use on the drawing pad</source>
        <translation>在画板上使用</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="156"/>
        <source>Save model...</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="157"/>
        <source>Export CSV...</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="158"/>
        <source>Save plot as PNG...</source>
        <translation>把图保存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="201"/>
        <source>Your own comparison: set up a run on the Training page and add it, change one setting and add again, and so on. The runs share their batches, so they need the same batch size.</source>
        <translation>你自己的对比：在“训练”页设置好一次训练并添加，改动一项设置后再添加，依此类推。这些训练共用同样的 mini-batch，所以批大小必须相同。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="222"/>
        <location filename="../../desktop/compare_texts.py" line="164"/>
        <source>run %1</source>
        <translation>第 %1 次训练</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="262"/>
        <source>MNIST is not loaded yet: download it or choose its folder first.</source>
        <translation>还没有读取 MNIST：请先下载，或者选择它所在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_page.py" line="314"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>ComparePlots</name>
    <message>
        <location filename="../../desktop/compare_plots.py" line="154"/>
        <source>Loss (smoothed) and accuracy of every run: test solid, train dashed</source>
        <extracomment>Shortest time between two redraws of the curves (seconds).</extracomment>
        <translation>每次训练的损失（平滑后）和识别精度：实线为测试，虚线为训练</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_plots.py" line="155"/>
        <source>x axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_plots.py" line="156"/>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_plots.py" line="157"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_plots.py" line="158"/>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_plots.py" line="160"/>
        <source>Show the loss on a logarithmic axis: small late gains stay visible.</source>
        <translation>用对数坐标轴显示损失：后期细小的改进也能看清。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_plots.py" line="162"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_plots.py" line="163"/>
        <source>accuracy %</source>
        <translation>识别精度 %</translation>
    </message>
</context>
<context>
    <name>CompareTable</name>
    <message>
        <location filename="../../desktop/compare_table.py" line="38"/>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="39"/>
        <source>What differs</source>
        <translation>不同之处</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="40"/>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="41"/>
        <source>it/s</source>
        <translation>it/s</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="42"/>
        <source>Elapsed</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="43"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="44"/>
        <source>Test</source>
        <translation>测试精度</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="45"/>
        <source>Train</source>
        <translation>训练精度</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_table.py" line="46"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <location filename="../../desktop/confusion_view.py" line="61"/>
        <source>Confusion matrix of the test set</source>
        <extracomment>Room for the row and column headings and the accuracy margin, in font heights. (true digit, digit read, indices of those test digits)</extracomment>
        <translation>测试数据的混淆矩阵</translation>
    </message>
    <message>
        <location filename="../../desktop/confusion_view.py" line="116"/>
        <source>read as</source>
        <translation>识别为</translation>
    </message>
    <message>
        <location filename="../../desktop/confusion_view.py" line="120"/>
        <source>true digit</source>
        <translation>真实数字</translation>
    </message>
    <message>
        <location filename="../../desktop/confusion_view.py" line="125"/>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/confusion_view.py" line="179"/>
        <source>%Ln test digit(s) {0} read correctly</source>
        <translation>
            <numerusform>%Ln 个测试数字 {0} 识别正确</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/confusion_view.py" line="181"/>
        <source>%Ln test digit(s) {0} read as {1}</source>
        <translation>
            <numerusform>%Ln 个测试数字 {0} 被识别为 {1}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/confusion_view.py" line="183"/>
        <source>Click to see them.</source>
        <translation>点击查看这些数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/confusion_view.py" line="188"/>
        <source>Rows: the true digit. Columns: what the network read.
The diagonal is right; every other cell is a mistake.</source>
        <translation>行：真实数字。列：神经网络识别的结果。
对角线上是识别正确的，其他格子都是识别错误。</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <location filename="../../desktop/error_text.py" line="14"/>
        <source>MNIST was not found in {folder}: download it (about 11 MB) or choose the folder that has its four files.</source>
        <extracomment>kind -&gt; the sentence, with {names} from the error&apos;s values.</extracomment>
        <translation>在 {folder} 中没有找到 MNIST：请下载（约 11 MB），或者选择存放这四个文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="19"/>
        <source>MNIST is incomplete in {folder}: {files} missing. Download it again or choose another folder.</source>
        <translation>{folder} 中的 MNIST 不完整：缺少 {files}。请重新下载，或者选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="23"/>
        <source>{folder} is a file, not a folder: choose the MNIST folder.</source>
        <translation>{folder} 是一个文件，不是文件夹：请选择 MNIST 所在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="26"/>
        <source>{path} is damaged or is not an MNIST file: delete it and download MNIST again.</source>
        <translation>{path} 已损坏，或者不是 MNIST 文件：请删除它，然后重新下载 MNIST。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="29"/>
        <source>{images} and {labels} do not belong together (different numbers of images and labels): delete both and download MNIST again.</source>
        <translation>{images} 和 {labels} 不是配套的（图像数和标签数不一致）：请把两个都删除，然后重新下载 MNIST。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="34"/>
        <source>Could not download {file} from any mirror. Check the internet connection, type a working mirror (a school server, say) in the banner, or copy the four MNIST .gz files into {folder} by hand.</source>
        <translation>所有镜像都无法下载 {file}。请检查网络连接，在提示栏中输入一个可用的镜像（例如学校的服务器），或者手动把 MNIST 的四个 .gz 文件复制到 {folder}。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="39"/>
        <source>Cannot write to the data folder {folder}: choose a folder you can write to.</source>
        <translation>无法写入数据文件夹 {folder}：请选择一个有写入权限的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="42"/>
        <source>{path}: no such file; check the name and folder.</source>
        <translation>{path}：文件不存在，请检查文件名和文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="43"/>
        <source>{path} cannot be used as a model file (not one saved by MNIST Studio, or damaged).</source>
        <translation>{path} 不能用作模型文件（不是 MNIST Studio 保存的模型，或者已损坏）。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="46"/>
        <source>Could not save the model to {path}: choose another name or folder.</source>
        <translation>无法把模型保存到 {path}：请换一个文件名或文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="49"/>
        <source>{path} cannot be read as a picture (damaged, empty, too large, or not an image).</source>
        <translation>{path} 无法作为图片读取（已损坏、为空、太大，或者根本不是图片）。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_text.py" line="77"/>
        <source>Error: {message}</source>
        <translation>出错：{message}</translation>
    </message>
</context>
<context>
    <name>CurveSet</name>
    <message>
        <location filename="../../desktop/curve_set.py" line="163"/>
        <source>lr %1</source>
        <translation>学习率 %1</translation>
    </message>
</context>
<context>
    <name>DataBanner</name>
    <message>
        <location filename="../../desktop/data.py" line="211"/>
        <source>Download (about 11 MB)</source>
        <extracomment>Sizes of the four gzipped files, to show one progress bar for the whole download.</extracomment>
        <translation>下载（约 11 MB）</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="214"/>
        <source>Fetch the four MNIST files from public mirrors; each is checked against its known SHA-256.</source>
        <translation>从公共镜像下载 MNIST 的四个文件；每个文件都会用已知的 SHA-256 校验。</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="218"/>
        <source>Another mirror, e.g. http://school-server/mnist/</source>
        <translation>其他镜像，例如 http://school-server/mnist/</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="221"/>
        <source>The address of a folder that serves the four MNIST .gz files (a web address, or file:///folder/).
Each file is still checked against its known SHA-256. The window remembers it.</source>
        <translation>提供 MNIST 四个 .gz 文件的文件夹地址（网址，或 file:///文件夹/）。
每个文件仍会用已知的 SHA-256 校验。窗口会记住这个地址。</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="225"/>
        <source>Download from it</source>
        <translation>从这里下载</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="226"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="228"/>
        <source>Use a folder that already has the four MNIST files (train-images-idx3-ubyte.gz, ...).</source>
        <translation>使用已经存有 MNIST 四个文件（train-images-idx3-ubyte.gz 等）的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="248"/>
        <source>MNIST was not found</source>
        <translation>没有找到 MNIST</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="248"/>
        <source>MNIST cannot be used</source>
        <translation>MNIST 无法使用</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="250"/>
        <source>&lt;b&gt;{head}&lt;/b&gt; in &lt;code&gt;{folder}&lt;/code&gt;. Training needs its 70,000 handwritten digits (about 11 MB to download); the drawing pad works without them.</source>
        <translation>&lt;b&gt;{head}&lt;/b&gt;（位置：&lt;code&gt;{folder}&lt;/code&gt;）。训练需要其中的 70,000 个手写数字（下载约 11 MB）；画板不需要它们也能使用。</translation>
    </message>
    <message>
        <location filename="../../desktop/data.py" line="255"/>
        <source>Missing {files}.</source>
        <translation>缺少 {files}。</translation>
    </message>
</context>
<context>
    <name>DataFlow</name>
    <message>
        <location filename="../../desktop/data_flow.py" line="62"/>
        <source>MNIST: loading from {folder}…</source>
        <translation>MNIST：正在从 {folder} 读取…</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="62"/>
        <source>MNIST: loading…</source>
        <translation>MNIST：正在读取…</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="73"/>
        <source>Choose the folder with the MNIST files</source>
        <translation>选择存放 MNIST 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="84"/>
        <source>MNIST: {train} training + {test} test digits from {folder}</source>
        <translation>MNIST：{train} 个训练数字 + {test} 个测试数字，来自 {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="94"/>
        <source>MNIST: not found</source>
        <translation>MNIST：未找到</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="102"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="102"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="104"/>
        <source>Downloading MNIST</source>
        <translation>正在下载 MNIST</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="122"/>
        <source>Downloading {name}…
{done} of {total} MB</source>
        <translation>正在下载 {name}…
{done} / {total} MB</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="141"/>
        <source>MNIST downloaded and verified in {folder}.</source>
        <translation>MNIST 已下载到 {folder} 并通过校验。</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="150"/>
        <source>Type the address of a mirror first, e.g. http://school-server/mnist/.</source>
        <translation>请先输入镜像地址，例如 http://school-server/mnist/。</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="168"/>
        <source>Check your internet connection, type a working mirror (a school server, say) in the banner, or copy the four MNIST .gz files into %1 by hand.</source>
        <translation>请检查网络连接，在提示栏中输入一个可用的镜像（例如学校的服务器），或者手动把 MNIST 的四个 .gz 文件复制到 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/data_flow.py" line="179"/>
        <source>Download cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
</context>
<context>
    <name>DigitReader</name>
    <message>
        <location filename="../../desktop/reader.py" line="157"/>
        <source>Draw a digit</source>
        <extracomment>Below this probability for its answer the network is guessing (less likely right than wrong): the reader says so.</extracomment>
        <translation>写一个数字</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="158"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="159"/>
        <source>Wipe the pad (or right-click it, or press Escape).</source>
        <translation>清空画板（也可以在画板上点右键，或按 Esc 键）。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="160"/>
        <source>Predicted digit</source>
        <translation>识别出的数字</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="162"/>
        <source>The digit the network reads on the pad: the most probable of the ten.</source>
        <translation>神经网络从画板上识别出的数字：十个数字中概率最高的那个。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="165"/>
        <source>How sure the network is: the probability it gives its answer.</source>
        <translation>神经网络有多大把握：它给这个答案的概率。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="168"/>
        <source>What the network actually sees: your drawing cropped, shrunk to 20x20 pixels and centred
in 28x28 by its centre of mass, white on black, just as the MNIST digits were made.</source>
        <translation>神经网络实际看到的图像：把你写的数字裁剪、缩小到 20×20 像素，再按重心放到 28×28 的中央，
黑底白字——和 MNIST 数字的制作方法完全一样。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="171"/>
        <source>28×28 input</source>
        <translation>28×28 输入</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="172"/>
        <source>Probability of each digit</source>
        <translation>每个数字的概率</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="174"/>
        <source>The probability the network gives each digit 0-9 (softmax output); they add up to 100%.</source>
        <translation>神经网络给 0～9 每个数字的概率（softmax 函数的输出），加起来等于 100%。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="176"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="178"/>
        <source>Which network reads the pad: the one being trained (its newest weights), a model file you opened,
or the default model that comes with the app. Try the same drawing with each.</source>
        <translation>用哪个神经网络识别画板：正在训练的网络（它最新的权重）、你打开的模型文件，
或者随应用附带的默认模型。可以用同一个手写数字分别试试。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="182"/>
        <source>The network that reads your drawing right now.</source>
        <translation>当前识别你手写数字的神经网络。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="234"/>
        <source>Draw a digit on the pad: the network reads it as you draw.</source>
        <translation>在画板上写一个数字：你一边写，神经网络一边识别。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="254"/>
        <source>No model to read with yet: open one or start training.</source>
        <translation>还没有可用来识别的模型：请打开一个模型，或者开始训练。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="262"/>
        <source>&lt;b style=&apos;font-size:15pt&apos;&gt;{p}&lt;/b&gt; sure</source>
        <translation>置信度 &lt;b style=&apos;font-size:15pt&apos;&gt;{p}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="264"/>
        <source>next best: {digit} ({p})</source>
        <translation>其次：{digit}（{p}）</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="270"/>
        <source>Unsure: it must pick one of the ten digits, even for a scribble.</source>
        <translation>没有把握：即使是随手乱画，它也必须从十个数字中选一个。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="296"/>
        <source>Reading with {model}.</source>
        <translation>当前用{model}识别。</translation>
    </message>
    <message>
        <location filename="../../desktop/reader.py" line="297"/>
        <source>No model yet: open a model file or start training.</source>
        <translation>还没有模型：请打开模型文件，或者开始训练。</translation>
    </message>
</context>
<context>
    <name>DigitSheet</name>
    <message>
        <location filename="../../desktop/digit_sheet.py" line="100"/>
        <source>Click a cell of the confusion matrix to see its digits here.</source>
        <extracomment>makes the text shown when there are no digits, in the current language</extracomment>
        <translation>点击混淆矩阵的一个格子，这里就会显示其中的数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/digit_sheet.py" line="133"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../desktop/digit_sheet.py" line="134"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../desktop/digit_sheet.py" line="135"/>
        <source>Click a digit to follow it through the network (Your digit inside).</source>
        <translation>点击一个数字，跟着它走一遍神经网络（见“你的数字在内部”）。</translation>
    </message>
    <message>
        <location filename="../../desktop/digit_sheet.py" line="186"/>
        <source>page {0} of {1}</source>
        <translation>第 {0} 页，共 {1} 页</translation>
    </message>
</context>
<context>
    <name>DrawCanvas</name>
    <message>
        <location filename="../../desktop/draw_pad.py" line="277"/>
        <source>Drawing pad</source>
        <translation>画板</translation>
    </message>
    <message>
        <location filename="../../desktop/draw_pad.py" line="280"/>
        <source>Draw one digit (0-9) here with the mouse or a pen, as large or small as you like.
The network reads it as you draw. Right-click, Escape or Clear wipes the pad.
You can also drop a picture file of a digit here (or use File &gt; Open image).</source>
        <translation>用鼠标或手写笔在这里写一个数字（0～9），大小随意。
你一边写，神经网络一边识别。点右键、按 Esc 键或点“清除”可以清空画板。
也可以把一张数字图片拖到这里（或者使用“文件 &gt; 打开图片”）。</translation>
    </message>
    <message>
        <location filename="../../desktop/draw_pad.py" line="305"/>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../desktop/plot_menus.py" line="157"/>
        <source>CSV of original plot data</source>
        <translation>原始绘图数据（CSV）</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="158"/>
        <source>HDF5 Export: plot (x,y)</source>
        <translation>HDF5 导出：绘图 (x,y)</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="159"/>
        <source>Image File (PNG, TIF, JPG, ...)</source>
        <translation>图片文件（PNG、TIF、JPG 等）</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="160"/>
        <source>Matplotlib Window</source>
        <translation>Matplotlib 窗口</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="161"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="162"/>
        <source>Scalable Vector Graphics (SVG)</source>
        <translation>可缩放矢量图形（SVG）</translation>
    </message>
</context>
<context>
    <name>FileFlows</name>
    <message>
        <location filename="../../desktop/file_flows.py" line="29"/>
        <source>Pictures {patterns};;All files (*)</source>
        <translation>图片 {patterns};;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="33"/>
        <source>There is no trained network to save yet: press Start first.</source>
        <translation>还没有训练好的神经网络可以保存：请先点“开始训练”。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="57"/>
        <source>No default model in this build: train one or open a model file.</source>
        <translation>这个版本没有附带默认模型：请训练一个，或者打开模型文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="62"/>
        <source>Default model unavailable: {error}</source>
        <translation>默认模型不可用：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="80"/>
        <source>{path}: cannot be used as a model file ({error})</source>
        <translation>{path}：不能用作模型文件（{error}）</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="87"/>
        <source>Opened {name}: the pad now reads with it.</source>
        <translation>已打开 {name}：画板现在用它来识别。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="94"/>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="96"/>
        <source>MNIST Studio models (*.npz);;All files (*)</source>
        <translation>MNIST Studio 模型 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="122"/>
        <source>{path}: could not save the model ({error})</source>
        <translation>{path}：无法保存模型（{error}）</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="129"/>
        <source>Saved the trained network to {path}.</source>
        <translation>已把训练好的神经网络保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="140"/>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="142"/>
        <source>MNIST Studio models (*.npz)</source>
        <translation>MNIST Studio 模型 (*.npz)</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="154"/>
        <source>There is no loss history to export yet: press Start first.</source>
        <translation>还没有可以导出的损失记录：请先点“开始训练”。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_outputs.py" line="178"/>
        <location filename="../../desktop/file_flows.py" line="164"/>
        <source>{path}: could not write the CSV file ({reason}); choose another folder</source>
        <translation>{path}：无法写入 CSV 文件（{reason}），请选择其他文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="171"/>
        <source>Exported %Ln iterations to {path}.</source>
        <translation>已把 %Ln 次迭代导出到 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="181"/>
        <source>Export loss history</source>
        <translation>导出损失记录</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="183"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="203"/>
        <source>Cannot read image {path}: not enough memory to decode it; shrink it first.</source>
        <translation>无法读取图片 {path}：内存不足，无法解码，请先把图片缩小。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="210"/>
        <source>Cannot read image {path}: {error}</source>
        <translation>无法读取图片 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="218"/>
        <source>{path}: the picture is blank (no ink stands out from its background), so there is no digit to read.</source>
        <translation>{path}：这张图片是空白的（没有笔迹从背景中突显出来），所以没有可识别的数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="230"/>
        <source>Opened {name} on the pad: the network reads it like a drawing; draw over it or clear it.</source>
        <translation>已把 {name} 放到画板上：神经网络像识别手写数字一样识别它；你可以在上面继续写，或者清除它。</translation>
    </message>
    <message>
        <location filename="../../desktop/file_flows.py" line="239"/>
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <location filename="../../desktop/plot_menus.py" line="33"/>
        <source>Link Axis:</source>
        <translation>联动坐标轴：</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="34"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Links this axis with another view. When linked, both views will display the same data range.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;把这个坐标轴与另一个视图联动。联动后，两个视图显示相同的数据范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="39"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Percent of data to be visible when auto-scaling. It may be useful to decrease this value for data with spiky noise.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;自动缩放时可见数据所占的百分比。数据中有尖峰噪声时，减小这个值可能有用。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="44"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Automatically resize this axis whenever the displayed data is changed.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;显示的数据变化时，自动调整这个坐标轴的范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="49"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="50"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Set the range for this axis manually. This disables automatic scaling. &lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;手动设置这个坐标轴的范围。这会关闭自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="55"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="56"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Minimum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;这个坐标轴显示的最小值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="60"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Maximum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;这个坐标轴显示的最大值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="64"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Inverts the display of this axis. (+y points downward instead of upward)&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;反转这个坐标轴的方向（+y 朝下而不是朝上）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="69"/>
        <source>Invert Axis</source>
        <translation>反转坐标轴</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="70"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Enables mouse interaction (panning, scaling) for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;允许用鼠标操作这个坐标轴（平移、缩放）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="75"/>
        <source>Mouse Enabled</source>
        <translation>允许鼠标操作</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="76"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will only auto-scale to data that is visible along the orthogonal axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;选中时，这个坐标轴只根据另一个坐标轴方向上可见的数据自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="81"/>
        <source>Visible Data Only</source>
        <translation>只看可见数据</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="82"/>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will automatically pan to center on the current data, but the scale along this axis will not change.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;选中时，这个坐标轴会自动平移，使当前数据居中，但比例不变。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="88"/>
        <source>Auto Pan Only</source>
        <translation>只自动平移</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="89"/>
        <source>Display averages of the curves displayed in this plot. The parameter list allows you to choose parameters to average over (if any are available).</source>
        <translation>显示这张图中各条曲线的平均值。可以在参数列表中选择按哪些参数求平均（如果有的话）。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="94"/>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="95"/>
        <source>Plot only the portion of each curve that is visible. This assumes X values are uniformly spaced.</source>
        <translation>只绘制每条曲线的可见部分。这假定 X 值是等间距的。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="100"/>
        <source>Clip to View</source>
        <translation>只绘制可见部分</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="101"/>
        <source>If multiple curves are displayed in this plot, check this box to limit the number of traces that are displayed.</source>
        <translation>这张图显示多条曲线时，选中这一项可以限制显示的曲线条数。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="106"/>
        <source>Max Traces:</source>
        <translation>最多曲线数：</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="107"/>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="108"/>
        <source>Downsample by drawing a saw wave that follows the min and max of the original data. This method produces the best visual representation of the data but is slower.</source>
        <translation>沿原始数据的最小值和最大值画锯齿线来降采样。这种方法显示效果最好，但比较慢。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="114"/>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="115"/>
        <source>If multiple curves are displayed in this plot, check &quot;Max Traces&quot; and set this value to limit the number of traces that are displayed.</source>
        <translation>这张图显示多条曲线时，选中“最多曲线数”并设置这个值，可以限制显示的曲线条数。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="120"/>
        <source>If MaxTraces is checked, remove curves from memory after they are hidden (saves memory, but traces can not be un-hidden).</source>
        <translation>选中“最多曲线数”时，曲线被隐藏后就从内存中删除（节省内存，但无法再显示出来）。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="125"/>
        <source>Forget hidden traces</source>
        <translation>删除隐藏的曲线</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="126"/>
        <source>Downsample by taking the mean of N samples.</source>
        <translation>取每 N 个样本的平均值来降采样。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="127"/>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="128"/>
        <source>Downsample by taking the first of N samples. This method is fastest and least accurate.</source>
        <translation>取每 N 个样本中的第一个来降采样。这种方法最快，但最不准确。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="133"/>
        <source>Subsample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="134"/>
        <source>Automatically downsample data based on the visible range. This assumes X values are uniformly spaced.</source>
        <translation>根据可见范围自动降采样。这假定 X 值是等间距的。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="139"/>
        <source>Downsample data before plotting. (plot every Nth sample)</source>
        <translation>绘图前先降采样（每 N 个样本画一个）。</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="140"/>
        <source>Log X</source>
        <translation>X 对数坐标</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="141"/>
        <source>dy/dx</source>
        <translation>dy/dx</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="142"/>
        <source>Y vs. Y&apos;</source>
        <translation>Y 对 Y&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="143"/>
        <source>Power Spectrum (FFT)</source>
        <translation>功率谱（FFT）</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="144"/>
        <source>Log Y</source>
        <translation>Y 对数坐标</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="145"/>
        <source>Subtract Mean</source>
        <translation>减去平均值</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="146"/>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="147"/>
        <source>Show X Grid</source>
        <translation>显示 X 网格</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="148"/>
        <source>Show Y Grid</source>
        <translation>显示 Y 网格</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="149"/>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="150"/>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="151"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="152"/>
        <source>Item to export:</source>
        <translation>要导出的项目：</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="153"/>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="154"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="155"/>
        <source>Export options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="156"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>GradientCheckView</name>
    <message>
        <location filename="../../desktop/gradcheck_view.py" line="61"/>
        <source>Gradient check</source>
        <extracomment>Points per parameter at most.</extracomment>
        <translation>梯度确认</translation>
    </message>
    <message>
        <location filename="../../desktop/gradcheck_view.py" line="63"/>
        <source>backprop gradient</source>
        <translation>误差反向传播的梯度</translation>
    </message>
    <message>
        <location filename="../../desktop/gradcheck_view.py" line="64"/>
        <source>numerical gradient</source>
        <translation>数值梯度</translation>
    </message>
    <message>
        <location filename="../../desktop/gradcheck_view.py" line="68"/>
        <source>Press Gradient check to compare the two gradients on the current batch.</source>
        <translation>点“梯度确认”，在当前的 mini-batch 上比较两种方法求出的梯度。</translation>
    </message>
    <message>
        <location filename="../../desktop/gradcheck_view.py" line="65"/>
        <source>max relative difference</source>
        <translation>最大相对误差</translation>
    </message>
    <message>
        <location filename="../../desktop/gradcheck_view.py" line="99"/>
        <source>The two gradients agree: the largest relative difference is {0:.1e} (below 1e-6).</source>
        <translation>两种梯度一致：最大相对误差为 {0:.1e}（小于 1e-6）。</translation>
    </message>
    <message>
        <location filename="../../desktop/gradcheck_view.py" line="102"/>
        <source>The two gradients DISAGREE: the largest relative difference is {0:.1e} (expected below 1e-6).</source>
        <translation>两种梯度不一致！最大相对误差为 {0:.1e}（应当小于 1e-6）。</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <location filename="../../desktop/plot_menus.py" line="19"/>
        <location filename="../../desktop/plot_menus.py" line="193"/>
        <source>Export...</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>InsideFlow</name>
    <message>
        <location filename="../../desktop/inside_flow.py" line="83"/>
        <source>Inside the network</source>
        <extracomment>The gradient check takes at most this many digits of a batch (its cost grows with each one).</extracomment>
        <translation>神经网络内部</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="85"/>
        <source>Step one iteration</source>
        <translation>单步运行一次迭代</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="87"/>
        <source>Export Inside picture as PNG…</source>
        <translation>把“内部”页的图导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="89"/>
        <source>Save the panel shown on the Inside the network tab as a PNG picture.</source>
        <translation>把“神经网络内部”标签页上显示的面板保存为 PNG 图片。</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="91"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="167"/>
        <source>Test digit #{0} (a {1}) now goes through the network: see Inside the network, Your digit inside.</source>
        <translation>测试数字 #{0}（一个 {1}）现在正经过神经网络：请看“神经网络内部”中的“你的数字在内部”。</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="178"/>
        <source>MNIST is not loaded yet: download it or choose its folder first.</source>
        <translation>还没有读取 MNIST：请先下载，或者选择它所在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="182"/>
        <source>Pause the training first: Step runs one iteration at a time.</source>
        <translation>请先暂停训练：“单步”每次只运行一次迭代。</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="204"/>
        <source>Iteration {0}: loss on its mini-batch {1:.4f} before the step, {2:.4f} after.</source>
        <translation>第 {0} 次迭代：它的 mini-batch 上的损失在这一步之前为 {1:.4f}，之后为 {2:.4f}。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_flow.py" line="223"/>
        <source>the last step&apos;s mini-batch (%Ln digit(s))</source>
        <translation>
            <numerusform>上一步的 mini-batch（%Ln 个数字）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_flow.py" line="229"/>
        <source>%Ln training digit(s) picked at random</source>
        <translation>
            <numerusform>随机选取的 %Ln 个训练数字</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="232"/>
        <source>Checking the gradient on {0}…</source>
        <translation>正在 {0} 上做梯度确认…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_flow.py" line="253"/>
        <source>This network uses ReLU, which has a kink at 0: %Ln of its hidden sums on this batch lie within 1e-4 of it, where the numerical difference straddles the kink and so differs from the slope backprop uses. The lesson&apos;s sigmoid network has no kink.</source>
        <translation>
            <numerusform>这个网络使用 ReLU，它在 0 处有一个折点：这个 mini-batch 上有 %Ln 个隐藏层加权和离 0 不到 1e-4，在那里数值微分跨过了折点，所以和误差反向传播所用的斜率不同。教程里的 sigmoid 网络没有折点。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/inside_flow.py" line="262"/>
        <source>Gradient check on {0}: largest relative difference {1:.1e}.</source>
        <translation>在 {0} 上做梯度确认：最大相对误差为 {1:.1e}。</translation>
    </message>
</context>
<context>
    <name>InsidePage</name>
    <message>
        <location filename="../../desktop/inside_page.py" line="118"/>
        <source>Inside the network</source>
        <translation>神经网络内部</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="119"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="112"/>
        <source>Run exactly one iteration (F10): draw a mini-batch, compute the gradient, update the weights. Works when training is stopped or paused.</source>
        <extracomment>Seconds spent redrawing panels and evaluating the test set (bench_inside reports it).</extracomment>
        <translation>只运行一次迭代（F10）：取出一个 mini-batch，求梯度，更新权重。训练停止或暂停时可用。</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="121"/>
        <location filename="../../desktop/inside_page.py" line="133"/>
        <source>Gradient check</source>
        <translation>梯度确认</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="124"/>
        <source>Compute the gradient both ways on the current batch, numerically and by backpropagation, and compare them.</source>
        <translation>在当前的 mini-batch 上用数值微分和误差反向传播两种方法求梯度，并比较结果。</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="129"/>
        <source>Hidden units</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="130"/>
        <source>Your digit inside</source>
        <translation>你的数字在内部</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="131"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../../desktop/inside_page.py" line="132"/>
        <source>One step</source>
        <translation>单步</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_page.py" line="266"/>
        <source>{0} read correctly: %Ln digit(s)</source>
        <translation>
            <numerusform>{0} 识别正确：%Ln 个数字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_page.py" line="267"/>
        <source>{0} read as {1}: %Ln digit(s)</source>
        <translation>
            <numerusform>{0} 被识别为 {1}：%Ln 个数字</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <location filename="../../desktop/lesson_note.py" line="28"/>
        <source>by backpropagation</source>
        <translation>用误差反向传播</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="30"/>
        <source>numerically, nudging each one in turn</source>
        <translation>用数值微分，逐个微调每个权重</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="32"/>
        <source>a small step</source>
        <translation>一小步</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="33"/>
        <source>a step with momentum</source>
        <translation>带动量的一步</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="34"/>
        <source>a look-ahead momentum step</source>
        <translation>先向前看的动量一步</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="35"/>
        <location filename="../../desktop/lesson_note.py" line="36"/>
        <source>an adaptive step</source>
        <translation>自适应步长的一步</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="37"/>
        <source>an Adam step</source>
        <translation>Adam 的一步</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="38"/>
        <source>a step</source>
        <translation>一步</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="40"/>
        <source>the next {batch} training digits of this epoch&apos;s shuffled order</source>
        <translation>本 epoch 打乱后的顺序中接下来的 {batch} 个训练数字</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="42"/>
        <source>{batch} random training digits</source>
        <translation>随机取出的 {batch} 个训练数字</translation>
    </message>
    <message>
        <location filename="../../desktop/lesson_note.py" line="43"/>
        <source>&lt;b&gt;One iteration:&lt;/b&gt; show the network {digits}, measure how wrong it is (the loss), find which way each of its {weights} weights should move ({how}), and move them all {step} downhill (learning rate {lr}).</source>
        <translation>&lt;b&gt;一次迭代：&lt;/b&gt;把{digits}（一个 mini-batch）给神经网络看，用损失函数衡量它错得有多厉害，再求出 {weights} 个权重各自应该往哪个方向调整（{how}），即梯度，然后让所有权重沿梯度下降的方向走{step}（学习率 {lr}）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="137"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="139"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="193"/>
        <source>MNIST: %1 + %2 digits</source>
        <translation>MNIST：%1 + %2 个数字</translation>
    </message>
    <message>
        <location filename="../../desktop/about.py" line="21"/>
        <source>&lt;h3&gt;MNIST Studio %1&lt;/h3&gt;&lt;p&gt;Watch a two-layer neural network learn to read handwritten digits, live, and draw digits for it to read.&lt;/p&gt;&lt;p&gt;The lesson it comes from: a note on the book &lt;i&gt;Deep Learning from Scratch&lt;/i&gt; (深度学习入门) that builds &lt;code&gt;TwoLayerNet&lt;/code&gt; (784-50-10, sigmoid), trains it on mini-batches of MNIST with the numerical gradient (mini-batch → gradient → update → repeat, the steps of SGD), finds it very slow, and promises backpropagation next. Both methods are here, written in NumPy.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MNIST Studio %1&lt;/h3&gt;&lt;p&gt;实时观看一个两层神经网络学习识别手写数字，再亲手写数字让它识别。&lt;/p&gt;&lt;p&gt;它来自一篇《深度学习入门》的学习笔记：笔记实现了 &lt;code&gt;TwoLayerNet&lt;/code&gt;（784-50-10，sigmoid 函数），用数值梯度在 MNIST 的 mini-batch 上训练它（mini-batch → 梯度 → 更新参数 → 重复，也就是 SGD 的步骤），发现非常慢，并预告下一篇讲误差反向传播。这两种方法这里都有，都用 NumPy 实现。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/about.py" line="35"/>
        <source>About MNIST Studio</source>
        <translation>关于 MNIST Studio</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="285"/>
        <source>Stopping the training… the window closes when the current iteration ends.</source>
        <translation>正在停止训练…当前迭代结束后窗口就会关闭。</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../desktop/messages.py" line="53"/>
        <source>Hide this message</source>
        <translation>隐藏这条消息</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../desktop/models.py" line="52"/>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="53"/>
        <source>Training network</source>
        <translation>训练中的网络</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="61"/>
        <source>the default model that comes with the app ({hidden} hidden units{acc})</source>
        <translation>随应用附带的默认模型（{hidden} 个隐藏单元{acc}）</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="66"/>
        <source>the network being trained (iteration {iteration}{acc})</source>
        <translation>训练中的神经网络（第 {iteration} 次迭代{acc}）</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="112"/>
        <source>, {acc} test accuracy</source>
        <translation>，测试识别精度 {acc}</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <location filename="../../desktop/options.py" line="16"/>
        <source>Lesson (seed)</source>
        <translation>教程（原版）</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="17"/>
        <source>The book&apos;s job: 784-50-10 sigmoid network, SGD, learning rate 0.1, batch 100, 10,000 iterations (about 94-95% test accuracy).</source>
        <translation>书中的做法：784-50-10 的 sigmoid 网络，SGD，学习率 0.1，批大小 100，迭代 10,000 次（测试识别精度约 94%～95%）。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="24"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="25"/>
        <source>A modern recipe that reaches about 98% test accuracy in a minute or two: 256 ReLU units, He init, Adam, cosine learning-rate decay, 8 epochs.</source>
        <translation>现代的配方，一两分钟就能达到约 98% 的测试识别精度：256 个 ReLU 单元，He 初始值，Adam，余弦学习率衰减，8 个 epoch。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="36"/>
        <source>Backpropagation</source>
        <translation>误差反向传播</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="38"/>
        <source>The chain rule, layer by layer: the exact gradient in one backward pass. Fast.</source>
        <translation>逐层应用链式法则：一次反向传播就得到精确的梯度。速度快。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="44"/>
        <source>Numerical gradient</source>
        <translation>数值梯度</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="46"/>
        <source>Nudge every weight up and down by 0.0001 and watch the loss: the lesson&apos;s slow method, the same gradient as backprop but hundreds of times slower (the lesson&apos;s own loop took a minute per iteration).</source>
        <translation>把每个权重分别加减 0.0001，观察损失函数的变化：这就是教程里的数值微分，求出的梯度和误差反向传播相同，但要慢几百倍（教程自己的循环每次迭代要一分钟）。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="55"/>
        <source>Exact, by the chain rule. Fast.</source>
        <translation>用链式法则精确计算。速度快。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="56"/>
        <source>The lesson&apos;s slow method: its speed is measured as it runs, and falls as the hidden layer grows; a few hundred iterations show it learning.</source>
        <translation>教程里的慢方法：速度在运行时实测，隐藏层越大越慢；几百次迭代就能看到它在学习。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="64"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="66"/>
        <source>1 / (1 + e^-x): the lesson&apos;s smooth S-curve from 0 to 1.</source>
        <translation>1 / (1 + e^-x)：教程里从 0 平滑上升到 1 的 S 形曲线。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="72"/>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="74"/>
        <source>max(0, x): passes positive values, blocks negative ones. Learns faster in deeper nets.</source>
        <translation>max(0, x)：正值原样通过，负值变为 0。在更深的网络中学得更快。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="82"/>
        <source>Fixed std</source>
        <translation>固定标准差</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="84"/>
        <source>Random normal weights with the standard deviation set beside (the lesson: 0.01).</source>
        <translation>按右边设定的标准差生成正态分布的随机权重（教程：0.01）。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="90"/>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="92"/>
        <source>Std 1/sqrt(inputs): keeps signals the same size through sigmoid layers.</source>
        <translation>标准差为 1/√n（n 为输入个数）：让信号经过 sigmoid 层后保持相同的幅度。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="98"/>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="100"/>
        <source>Std sqrt(2/inputs): the same idea for ReLU layers.</source>
        <translation>标准差为 √(2/n)（n 为输入个数）：同样的思路，用于 ReLU 层。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="108"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="110"/>
        <source>Plain gradient descent: step straight downhill by learning rate x gradient (the lesson).</source>
        <translation>朴素的梯度下降：沿着下坡方向走“学习率 × 梯度”这么一步（教程的方法）。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="116"/>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="118"/>
        <source>Like a ball rolling downhill: keeps some of the last step&apos;s speed.</source>
        <translation>像小球滚下山坡：保留上一步的一部分速度。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="124"/>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="126"/>
        <source>Momentum that looks ahead before it steps.</source>
        <translation>先向前看一步再迈步的 Momentum。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="132"/>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="134"/>
        <source>Each weight gets its own step size, shrinking for weights that have moved a lot.</source>
        <translation>每个权重都有自己的步长，已经变化很多的权重步长会变小。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="140"/>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="142"/>
        <source>AdaGrad that forgets old gradients, so steps do not shrink forever.</source>
        <translation>会逐渐遗忘旧梯度的 AdaGrad，所以步长不会一直缩小下去。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="148"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="150"/>
        <source>Momentum plus per-weight step sizes; a good default. Choosing it sets the rate to 0.001.</source>
        <translation>Momentum 加上每个权重各自的步长；一个不错的默认选择。选中它时学习率会设为 0.001。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="165"/>
        <source>Random draws</source>
        <translation>随机抽取</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="167"/>
        <source>Every mini-batch is drawn at random from all 60,000 images, repeats allowed (the lesson).</source>
        <translation>每个 mini-batch 都从全部 60,000 张图像中随机抽取，允许重复（教程的方法）。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="173"/>
        <source>Shuffled epochs</source>
        <translation>按 epoch 打乱</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="175"/>
        <source>Each epoch shows every image exactly once, in a new random order: learns a little more per epoch.</source>
        <translation>每个 epoch 中每张图像恰好出现一次，顺序每次重新打乱：每个 epoch 能学到更多一点。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="184"/>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="186"/>
        <source>The learning rate stays as set (the lesson).</source>
        <translation>学习率保持设定值不变（教程的方法）。</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="192"/>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="194"/>
        <source>The learning rate falls smoothly to 0 by the last iteration: big steps first, fine ones at the end.</source>
        <translation>学习率在最后一次迭代时平滑下降到 0：先迈大步，最后做细调。</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <location filename="../../desktop/plot_menus.py" line="26"/>
        <source>Transforms</source>
        <translation>变换</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="27"/>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="28"/>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="29"/>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="30"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="31"/>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="32"/>
        <location filename="../../desktop/plot_menus.py" line="182"/>
        <source>Plot Options</source>
        <translation>绘图选项</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../desktop/app.py" line="227"/>
        <source>Cancel</source>
        <extracomment>Harmless notes from Qt&apos;s platform plugins that would only confuse a user reading the console. Strokes of a &quot;1&quot; and a &quot;7&quot; on the 280x280 pad, as a hand would draw them.</extracomment>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <location filename="../../desktop/run_controller.py" line="59"/>
        <source>Run {id}</source>
        <translation>第 {id} 次训练</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <location filename="../../desktop/training_panel.py" line="85"/>
        <source>▶  Start training</source>
        <extracomment>Run states the buttons reflect.</extracomment>
        <translation>▶  开始训练</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="86"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="87"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="89"/>
        <source>Pause the training (it keeps its place); press again to resume (Ctrl+P).</source>
        <translation>暂停训练（进度会保留）；再按一次继续（Ctrl+P）。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="91"/>
        <source>End the run now; the network keeps what it has learned so far.</source>
        <translation>立即结束这次训练；神经网络保留到目前为止学到的东西。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="93"/>
        <source>Forget the trained network and clear the plots (the settings stay).</source>
        <translation>丢弃训练过的神经网络并清空曲线（设置保持不变）。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="95"/>
        <source>Iterations done out of the run&apos;s total.</source>
        <translation>已完成的迭代次数 / 总迭代次数。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="98"/>
        <source>Training speed in iterations per second, the time left, and the current epoch and learning rate.</source>
        <translation>训练速度（每秒迭代次数）、剩余时间，以及当前的 epoch 和学习率。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="102"/>
        <source>Changed settings apply on the next Start.</source>
        <translation>修改的设置在下次开始训练时生效。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="111"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="138"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="138"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="145"/>
        <source>Train a new network with these settings from random weights (Ctrl+Enter).</source>
        <translation>用这些设置从随机权重开始训练一个新的神经网络（Ctrl+Enter）。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="149"/>
        <source>Training needs MNIST: download it or choose its folder (see the banner above).</source>
        <translation>训练需要 MNIST：请下载，或者选择它所在的文件夹（见上方的提示栏）。</translation>
    </message>
</context>
<context>
    <name>SampleGrid</name>
    <message>
        <location filename="../../desktop/sample_grid.py" line="40"/>
        <location filename="../../desktop/sample_grid.py" line="336"/>
        <source>Sample test digits</source>
        <extracomment>How many digits the grid shows.</extracomment>
        <translation>测试数字样本</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="123"/>
        <source>%Ln test digits</source>
        <translation>
            <numerusform>%Ln 个测试数字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="126"/>
        <source>{wrong} of {total} test digits are wrong; %Ln shown</source>
        <translation>
            <numerusform>{total} 个测试数字中识别错误 {wrong} 个；显示其中 %Ln 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="132"/>
        <source>{wrong} of %Ln wrong</source>
        <translation>
            <numerusform>%Ln 个中错了 {wrong} 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="133"/>
        <source>all %Ln right</source>
        <translation>
            <numerusform>%Ln 个全部正确</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="224"/>
        <source>Test digits appear here once MNIST is loaded.</source>
        <translation>读取 MNIST 之后，测试数字会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="226"/>
        <source>No mistakes on the test set: nothing to show.</source>
        <translation>测试数据中没有识别错误的数字：没有可显示的内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="251"/>
        <source>is {digit}</source>
        <translation>应为 {digit}</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="272"/>
        <source>label {digit}</source>
        <translation>标签 {digit}</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="312"/>
        <source>Test image #{index}: the true digit is {digit}</source>
        <translation>测试图像 #{index}：真实数字是 {digit}</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="316"/>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="316"/>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="317"/>
        <source>The network says {digit} ({p} sure): {verdict}</source>
        <translation>神经网络认为是 {digit}（置信度 {p}）：{verdict}</translation>
    </message>
    <message>
        <location filename="../../desktop/sample_grid.py" line="330"/>
        <source>Digits from the test set, which the network never trains on.
Under each: its guess and how sure it is. Red: wrong, with the true digit.</source>
        <translation>来自测试数据的数字，神经网络从不在它们上面训练。
每个数字下方：网络的预测和置信度。红色：识别错误，并标出真实数字。</translation>
    </message>
</context>
<context>
    <name>SamplesPanel</name>
    <message>
        <location filename="../../desktop/samples_panel.py" line="63"/>
        <source>Test digits</source>
        <translation>测试数字</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="64"/>
        <source>How many of the digits shown the network gets wrong.</source>
        <translation>显示的数字中，神经网络识别错了多少个。</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="65"/>
        <source>Only mistakes</source>
        <translation>只看识别错误的</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="67"/>
        <source>Show only test digits the network gets wrong (searched among all 10,000).</source>
        <translation>只显示神经网络识别错误的测试数字（在全部 10,000 个中查找）。</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="69"/>
        <source>New samples</source>
        <translation>换一批</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="70"/>
        <source>Show other randomly chosen test digits.</source>
        <translation>显示另一批随机选取的测试数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="71"/>
        <source>The network whose guesses are shown; the pad reads with it too.</source>
        <translation>显示的是这个神经网络的预测；画板也用它来识别。</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="90"/>
        <source>no network yet</source>
        <translation>还没有神经网络</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="92"/>
        <source>Read by the network being trained</source>
        <translation>由训练中的神经网络识别</translation>
    </message>
    <message>
        <location filename="../../desktop/samples_panel.py" line="96"/>
        <source>Read by: %1</source>
        <translation>识别所用：%1</translation>
    </message>
</context>
<context>
    <name>StepView</name>
    <message>
        <location filename="../../desktop/step_view.py" line="48"/>
        <source>One training step</source>
        <translation>一次训练迭代</translation>
    </message>
    <message>
        <location filename="../../desktop/step_view.py" line="35"/>
        <source>Press Step to run one iteration and see its mini-batch here.</source>
        <translation>点“单步”运行一次迭代，这里会显示它用的 mini-batch。</translation>
    </message>
    <message>
        <location filename="../../desktop/step_view.py" line="58"/>
        <source>Loss on this batch: run a step to see it.</source>
        <translation>这个 mini-batch 上的损失：运行一次单步就能看到。</translation>
    </message>
    <message>
        <location filename="../../desktop/step_view.py" line="49"/>
        <source>|gradient|</source>
        <translation>|梯度|</translation>
    </message>
    <message>
        <location filename="../../desktop/step_view.py" line="49"/>
        <source>|update|</source>
        <translation>|更新量|</translation>
    </message>
    <message>
        <location filename="../../desktop/step_view.py" line="52"/>
        <source>The length (square root of the sum of squares) of each parameter&apos;s gradient, and of how far the step moved it. With SGD the update is the learning rate times the gradient.</source>
        <translation>每个参数的梯度的长度（平方和的平方根），以及这一步让它移动了多远。用 SGD 时，更新量等于学习率乘以梯度。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/step_view.py" line="74"/>
        <source>The mini-batch: %Ln digit(s), each with its label → the guess before the step; {0} wrong</source>
        <translation>
            <numerusform>这个 mini-batch：%Ln 个数字，每个标出 标签 → 这一步之前的预测；错了 {0} 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/step_view.py" line="92"/>
        <source>Loss on this batch: {0:.4f} before the step, {1:.4f} after ({2:+.4f}).</source>
        <translation>这个 mini-batch 上的损失：这一步之前 {0:.4f}，之后 {1:.4f}（{2:+.4f}）。</translation>
    </message>
</context>
<context>
    <name>TrainWorker</name>
    <message>
        <location filename="../../desktop/training.py" line="90"/>
        <source>Not enough memory for this network: try fewer hidden units or a smaller batch size.</source>
        <extracomment>Seconds between two batches sent to the window: 10 updates a second at most.</extracomment>
        <translation>内存不足，放不下这个神经网络：请减少隐藏单元，或者减小批大小。</translation>
    </message>
    <message>
        <location filename="../../desktop/training.py" line="97"/>
        <source>Training stopped by an unexpected error ({error}); details were printed to the console.</source>
        <translation>训练因意外错误而停止（{error}）；详细信息已输出到控制台。</translation>
    </message>
</context>
<context>
    <name>TrainingControls</name>
    <message>
        <location filename="../../desktop/controls.py" line="195"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="197"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="198"/>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="199"/>
        <source>Hidden units</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="200"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="200"/>
        <source>Weight init</source>
        <translation>权重初始值</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="201"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="201"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="202"/>
        <source>Rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="202"/>
        <source>Batches</source>
        <translation>抽样方式</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="203"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="203"/>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="203"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="210"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="211"/>
        <source>Your own settings.</source>
        <translation>你自己的设置。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="213"/>
        <source>Ready-made settings. Lesson (seed): the book&apos;s network and training loop.
Fast: a modern recipe that reaches about 98% test accuracy. Change anything and it says Custom.</source>
        <translation>现成的设置。教程（原版）：书中的神经网络和训练循环。
快速：现代的配方，测试识别精度可达约 98%。改动任何一项就会显示“自定义”。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="217"/>
        <source>How the gradient (which way is downhill for every weight) is computed.</source>
        <translation>梯度（每个权重往哪个方向是下坡）的计算方法。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="219"/>
        <source>The function each hidden neuron applies to its input sum.</source>
        <translation>每个隐藏层神经元对输入加权和使用的函数。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="221"/>
        <source>How the weights are set before learning starts: small random numbers.</source>
        <translation>学习开始前如何设置权重：一些较小的随机数。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="223"/>
        <source>The rule that turns a gradient into a change of the weights.</source>
        <translation>把梯度变成权重更新量的规则。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="225"/>
        <source>Whether the learning rate changes over the run.</source>
        <translation>学习率在训练过程中是否变化。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="228"/>
        <source>How the training images of each mini-batch are picked.</source>
        <translation>每个 mini-batch 的训练图像如何选取。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="230"/>
        <source>Neurons in the hidden layer (the lesson: 50). More can learn finer patterns, but each step takes longer.</source>
        <translation>隐藏层的神经元个数（教程：50）。越多越能学到细微的模式，但每次迭代也越慢。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="234"/>
        <source>Standard deviation of the first random weights when the init is Fixed std (the lesson: 0.01).</source>
        <translation>初始值选“固定标准差”时，初始随机权重的标准差（教程：0.01）。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="237"/>
        <source>Learning rate: how big a step each update takes (the lesson: 0.1). Too small learns slowly;
too large makes the loss jump about or explode. Changes apply at once, even while training.</source>
        <translation>学习率：每次更新迈多大一步（教程：0.1）。太小学得慢；
太大会让损失上下跳动甚至发散。修改立即生效，训练中也一样。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="241"/>
        <source>Mini-batch size: how many training images each step looks at (the lesson: 100).
Small batches give noisy but cheap steps; large ones smooth but slow steps.</source>
        <translation>批大小：每次迭代看多少张训练图像（教程：100）。
小批量每步便宜但噪声大；大批量每步平稳但慢。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="245"/>
        <source>How many update steps to take (the lesson: 10,000). One epoch = 60,000 / batch size steps.</source>
        <translation>总共更新多少次（教程：10,000）。一个 epoch = 60,000 / 批大小 次迭代。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="248"/>
        <source>The same length in epochs: passes over all 60,000 training images.</source>
        <translation>换算成 epoch 的长度：把全部 60,000 张训练图像过一遍算一个 epoch。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="251"/>
        <source>Random seed for the first weights and the order of the mini-batches: the same seed gives the same run.</source>
        <translation>初始权重和 mini-batch 顺序所用的随机种子：种子相同，训练过程也相同。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="254"/>
        <source>Augment: turn, bend, thicken digits</source>
        <translation>数据增强：旋转、弯曲、加粗数字</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="256"/>
        <source>Data augmentation: every training digit is randomly turned, scaled, slanted, moved, bent
(elastic distortion) and made thicker or thinner, so the network learns digits written by
other hands (helps with drawings; trains more slowly).</source>
        <translation>数据增强：每个训练数字都会被随机旋转、缩放、倾斜、平移、弯曲（弹性形变），
笔画变粗或变细，让神经网络学会读懂别人写的数字
（对画板上的手写数字有帮助；训练会慢一些）。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="364"/>
        <source>The lesson&apos;s slow method: about %1 iterations a second with %2 hidden units (measured: %3 with %4); a few hundred show it learning.</source>
        <translation>教程里的慢方法：%2 个隐藏单元时每秒约 %1 次迭代（实测：%4 个隐藏单元时 %3 次）；几百次迭代就能看到它在学习。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="368"/>
        <source>The lesson&apos;s slow method: %1 iterations a second, measured with %2 hidden units; a few hundred show it learning.</source>
        <translation>教程里的慢方法：每秒 %1 次迭代（%2 个隐藏单元时实测）；几百次迭代就能看到它在学习。</translation>
    </message>
    <message>
        <location filename="../../desktop/controls.py" line="382"/>
        <source>= {n} epochs</source>
        <translation>= {n} 个 epoch</translation>
    </message>
</context>
<context>
    <name>TrainingFlow</name>
    <message>
        <location filename="../../desktop/run_flow.py" line="75"/>
        <source>MNIST is not loaded yet: download it or choose its folder first.</source>
        <translation>还没有读取 MNIST：请先下载，或者选择它所在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="102"/>
        <source>Training: {total} iterations, {method}, {hidden} hidden units, learning rate {lr}</source>
        <translation>训练：{total} 次迭代，{method}，{hidden} 个隐藏单元，学习率 {lr}</translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="105"/>
        <source>backpropagation</source>
        <translation>误差反向传播</translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="107"/>
        <source>numerical gradient</source>
        <translation>数值梯度</translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="136"/>
        <source>Paused: press Resume to go on.</source>
        <translation>已暂停：点“继续”接着训练。</translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="149"/>
        <source>Learning rate now {lr}: applied live from the next iteration.</source>
        <translation>学习率已改为 {lr}：从下一次迭代起立即生效。</translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="193"/>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="194"/>
        <source>learning rate {lr}</source>
        <translation>学习率 {lr}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="210"/>
        <source>%Ln iterations in {time}</source>
        <translation>
            <numerusform>%Ln 次迭代，用时 {time}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/run_flow.py" line="217"/>
        <source>test accuracy {acc}</source>
        <translation>测试识别精度 {acc}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="227"/>
        <source>Training diverged after %Ln iterations: the loss or the weights stopped being numbers a network can learn with, at learning rate {lr}; try a smaller learning rate, such as {smaller}.</source>
        <translation>
            <numerusform>训练在 %Ln 次迭代后发散了：在学习率 {lr} 下，损失或权重变成了无法继续学习的数值；请试试更小的学习率，例如 {smaller}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="238"/>
        <source>Reached {acc} test accuracy after %Ln iterations.</source>
        <translation>
            <numerusform>经过 %Ln 次迭代，测试识别精度达到了 {acc}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="244"/>
        <source>Done after %Ln iterations.</source>
        <translation>
            <numerusform>完成：共 %Ln 次迭代。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="246"/>
        <source>Stopped after %Ln iterations.</source>
        <translation>
            <numerusform>已在 %Ln 次迭代后停止。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="252"/>
        <source>Done after %Ln iterations: {acc} of the test digits right.</source>
        <translation>
            <numerusform>完成：共 %Ln 次迭代，测试数字识别正确 {acc}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="256"/>
        <source>Stopped after %Ln iterations: {acc} of the test digits right.</source>
        <translation>
            <numerusform>已在 %Ln 次迭代后停止：测试数字识别正确 {acc}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../desktop/training_panel.py" line="196"/>
        <source>What the training loop does at every iteration, with the settings above.</source>
        <translation>按上面的设置，训练循环在每次迭代中做的事。</translation>
    </message>
    <message>
        <location filename="../../desktop/training_panel.py" line="218"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../desktop/plots.py" line="162"/>
        <source>Learning curve</source>
        <extracomment>Shortest time between two redraws (seconds): 5 a second at most.</extracomment>
        <translation>学习曲线</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="165"/>
        <source>mini-batch loss</source>
        <translation>mini-batch 的损失</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="167"/>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="169"/>
        <source>last run</source>
        <translation>上一次训练</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="172"/>
        <source>Light blue: the loss of each mini-batch (noisy, every batch is different).
Dark blue: its moving average, the trend. Grey: the previous run, to compare.</source>
        <translation>浅蓝：每个 mini-batch 的损失（有噪声，因为每批数据都不同）。
深蓝：它的移动平均，即趋势。灰色：上一次训练，用来对比。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="175"/>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="177"/>
        <source>Show the loss on a logarithmic axis: the late, small improvements become visible.</source>
        <translation>用对数坐标轴显示损失：后期细小的改进也能看清。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="180"/>
        <source>LOSS</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="181"/>
        <source>The smoothed loss now: how wrong the network is on average (lower is better; 2.3 is guessing).</source>
        <translation>当前平滑后的损失：神经网络平均错得有多厉害（越低越好；2.3 相当于瞎猜）。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="183"/>
        <source>TEST ACCURACY</source>
        <translation>测试识别精度</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="184"/>
        <source>Share of the 10,000 test digits read right, measured after each epoch. The network never trains on them.</source>
        <translation>10,000 个测试数字中识别正确的比例，每个 epoch 结束后测量一次。神经网络从不在它们上面训练。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="186"/>
        <source>TRAIN ACCURACY</source>
        <translation>训练识别精度</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="187"/>
        <source>Share of 5,000 training digits read right. Far above test accuracy would mean memorising (overfitting).</source>
        <translation>5,000 个训练数字中识别正确的比例。如果远高于测试识别精度，就说明网络在死记硬背（过拟合）。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="189"/>
        <source>EPOCH</source>
        <translation>EPOCH</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="189"/>
        <source>Passes over the 60,000 training images so far.</source>
        <translation>到目前为止把 60,000 张训练图像过了几遍。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="195"/>
        <source>Loss (cross-entropy) of every mini-batch, light blue, and its smoothed trend, dark blue.
Lower is better. The grey line is the previous run. Drag to pan, wheel to zoom, right-click for options.</source>
        <translation>每个 mini-batch 的损失（交叉熵误差，浅蓝）和它平滑后的趋势（深蓝）。
越低越好。灰线是上一次训练。拖动可平移，滚轮可缩放，右键有更多选项。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="200"/>
        <source>Press Start: the loss of every mini-batch appears here</source>
        <translation>点“开始训练”：每个 mini-batch 的损失会显示在这里</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="202"/>
        <source>Accuracy after each epoch (one pass over the 60,000 training images):
green on the 10,000 test images the network never trains on, orange on training images.</source>
        <translation>每个 epoch（把 60,000 张训练图像过一遍）之后的识别精度：
绿色是网络从不训练的 10,000 张测试图像上的精度，橙色是训练图像上的精度。</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="206"/>
        <source>accuracy %</source>
        <translation>识别精度 %</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="207"/>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="208"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="208"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="216"/>
        <source>loss (log scale)</source>
        <translation>损失（对数坐标）</translation>
    </message>
    <message>
        <location filename="../../desktop/plots.py" line="216"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <location filename="../../desktop/plot_menus.py" line="20"/>
        <location filename="../../desktop/plot_menus.py" line="168"/>
        <source>ViewBox options</source>
        <translation>视图选项</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="21"/>
        <location filename="../../desktop/plot_menus.py" line="169"/>
        <source>View All</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="22"/>
        <source>axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="23"/>
        <location filename="../../desktop/plot_menus.py" line="174"/>
        <source>Mouse Mode</source>
        <translation>鼠标模式</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="24"/>
        <source>3 button</source>
        <translation>三键模式</translation>
    </message>
    <message>
        <location filename="../../desktop/plot_menus.py" line="25"/>
        <source>1 button</source>
        <translation>单键模式</translation>
    </message>
</context>
<context>
    <name>WeightsView</name>
    <message>
        <location filename="../../desktop/weights_view.py" line="186"/>
        <source>Hidden units: each unit&apos;s input weights as a picture</source>
        <translation>隐藏单元：把每个单元的输入权重画成一张图</translation>
    </message>
    <message>
        <location filename="../../desktop/weights_view.py" line="195"/>
        <source>Click a unit to see it large, and which digits it votes for.</source>
        <translation>点击一个单元可以放大查看，并看到它支持哪些数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/weights_view.py" line="189"/>
        <source>Red: ink here excites the unit. Blue: ink here inhibits it. Scroll to zoom, drag to move.</source>
        <translation>红色：这里有笔迹会激活这个单元。蓝色：这里有笔迹会抑制它。滚轮缩放，拖动平移。</translation>
    </message>
    <message>
        <location filename="../../desktop/weights_view.py" line="212"/>
        <source>Unit {0}: votes most for {1} and most against {2}.</source>
        <translation>单元 {0}：最支持 {1}，最反对 {2}。</translation>
    </message>
</context>
<context>
    <name>experiments</name>
    <message>
        <location filename="../../desktop/compare_texts.py" line="18"/>
        <source>Numerical gradient vs backpropagation</source>
        <extracomment>key -&gt; (title, explanation), as in core/experiments.py</extracomment>
        <translation>数值梯度与误差反向传播的对比</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="19"/>
        <source>Two copies of the lesson&apos;s network start from the same weights and see the same batches; one gets its gradient by nudging every weight (the numerical gradient), the other by backpropagation. Watch the iterations per second: backpropagation is thousands of times faster. Yet at every iteration both have done, their losses are the same number: they compute the same gradient. The lesson&apos;s own element-by-element loop would be slower still.</source>
        <translation>教程里的神经网络复制两份，从相同的权重出发，看相同的 mini-batch；一份通过逐个微调每个权重求梯度（数值梯度），另一份用误差反向传播。看看每秒迭代次数：误差反向传播要快几千倍。但在两者都完成的每一次迭代上，它们的损失完全相同：它们求出的是同一个梯度。教程自己逐个元素计算的循环还要更慢。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="30"/>
        <source>Optimizers: SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam</source>
        <translation>优化器：SGD、Momentum、Nesterov、AdaGrad、RMSprop、Adam</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="31"/>
        <source>Six copies of the lesson&apos;s network, same weights, same batches, each with its own update rule at its usual learning rate (the book&apos;s chapter 6). Watch how fast each loss falls: plain SGD creeps, the ones with momentum or per-weight step sizes race ahead. Which one is best depends on the problem: here, try to guess before you press Start.</source>
        <translation>教程里的神经网络复制六份，权重相同，mini-batch 相同，各用自己的更新规则和常用的学习率（书中第 6 章）。看看每条损失曲线下降得有多快：朴素的 SGD 慢慢爬，带动量或每个权重有各自步长的方法一路领先。哪个最好取决于具体问题：点“开始”之前，先猜猜看。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="40"/>
        <source>Weight initialisation: 0.01 vs Xavier vs He</source>
        <translation>权重的初始值：0.01、Xavier 与 He 的对比</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="41"/>
        <source>The same network started from small random weights (std 0.01, the lesson&apos;s), from Xavier&apos;s (1/sqrt(n)) or He&apos;s (sqrt(2/n)), with sigmoid and with ReLU hidden units. Watch the first few hundred iterations: too-small weights make every hidden unit alike and learning stalls for a while; weights scaled to the layer start learning at once. He suits ReLU, Xavier sigmoid.</source>
        <translation>同一个神经网络分别从较小的随机权重（标准差 0.01，教程的做法）、Xavier 初始值（1/√n）或 He 初始值（√(2/n)）出发，隐藏单元分别用 sigmoid 和 ReLU。看看最初的几百次迭代：权重太小会让所有隐藏单元都差不多，学习会停滞一阵；按层的大小缩放的权重则马上开始学习。He 初始值适合 ReLU，Xavier 初始值适合 sigmoid。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="51"/>
        <source>Learning rates from 0.001 to 10</source>
        <translation>学习率从 0.001 到 10</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="52"/>
        <source>The lesson&apos;s network with SGD at five learning rates. Watch the loss: at 0.001 it barely moves, 0.1 is the lesson&apos;s choice, 1 is faster still on this network, and at 10 the steps are so large that the loss jumps up instead of down: that run diverges and is marked so, while the others go on. Too small is slow; too large never arrives.</source>
        <translation>教程里的神经网络用 SGD，取五个学习率。看看损失：0.001 时几乎不动，0.1 是教程的选择，1 在这个网络上更快，而 10 时步子太大，损失不降反升：那次训练发散并被标出，其他训练继续进行。太小就慢；太大就永远到不了。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="61"/>
        <source>Overfitting: 300 images, with and without weight decay and dropout</source>
        <translation>过拟合：300 张图像，有无权值衰减和 Dropout</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="64"/>
        <source>The lesson&apos;s network trained on only 300 images, for 1,000 epochs. Watch the two accuracy lines of each run: without help, train accuracy (dashed) reaches 100% while test accuracy (solid) stays far below: the network memorises its 300 digits. Weight decay keeps the weights small and narrows that gap; dropout switches off half the hidden units at random in every step.</source>
        <translation>教程里的神经网络只用 300 张图像训练 1,000 个 epoch。看看每次训练的两条识别精度曲线：不加任何措施时，训练识别精度（虚线）达到 100%，而测试识别精度（实线）远远落后：网络把这 300 个数字背了下来。权值衰减让权重保持较小，缩小这个差距；Dropout 在每一步随机关掉一半的隐藏单元。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="74"/>
        <source>Hidden units: 10, 50, 200, 800</source>
        <translation>隐藏单元：10、50、200、800</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="75"/>
        <source>The lesson&apos;s network with a narrower or a wider hidden layer. Watch accuracy and speed together: 10 units learn fast but soon run out of room, 800 units learn the most per iteration but each iteration costs many times more. The lesson&apos;s 50 are a fair compromise.</source>
        <translation>教程里的神经网络，隐藏层更窄或更宽。同时看识别精度和速度：10 个单元学得快，但很快就没有提升空间了；800 个单元每次迭代学到的最多，但每次迭代的代价要高好几倍。教程的 50 个是一个合理的折中。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="87"/>
        <source>gradient</source>
        <extracomment>setting name -&gt; how the &quot;What differs&quot; column names it</extracomment>
        <translation>梯度</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="88"/>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="89"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="90"/>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="91"/>
        <source>init</source>
        <translation>初始值</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="92"/>
        <source>init std</source>
        <translation>初始标准差</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="93"/>
        <source>hidden units</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="94"/>
        <source>batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="95"/>
        <source>weight decay</source>
        <translation>权值衰减</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="96"/>
        <source>dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="97"/>
        <source>training images</source>
        <translation>训练图像数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="98"/>
        <source>subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="99"/>
        <source>lr decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="100"/>
        <source>augment</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="101"/>
        <source>sampling</source>
        <translation>抽样方式</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="102"/>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="123"/>
        <source>the same settings</source>
        <translation>相同的设置</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="146"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="148"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="155"/>
        <source>numerical gradient</source>
        <extracomment>the experiments&apos; run names (core&apos;s, in English) as the table shows them</extracomment>
        <translation>数值梯度</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="156"/>
        <source>backpropagation</source>
        <translation>误差反向传播</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="157"/>
        <source>plain</source>
        <translation>不加措施</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="158"/>
        <source>both</source>
        <translation>两者都用</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="159"/>
        <source>lr %1</source>
        <translation>学习率 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="160"/>
        <source>weight decay %1</source>
        <translation>权值衰减 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="161"/>
        <source>dropout %1</source>
        <translation>Dropout %1</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="162"/>
        <source>%1 hidden</source>
        <translation>%1 个隐藏单元</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_texts.py" line="163"/>
        <source>%1, std %2</source>
        <translation>%1，标准差 %2</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../desktop/export.py" line="36"/>
        <source>Save picture as PNG</source>
        <translation>保存为 PNG 图片</translation>
    </message>
    <message>
        <location filename="../../desktop/export.py" line="38"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../desktop/export.py" line="50"/>
        <source>Could not save the picture</source>
        <translation>无法保存图片</translation>
    </message>
    <message>
        <location filename="../../desktop/export.py" line="51"/>
        <source>{0}: {1}. Choose another folder.</source>
        <translation>{0}：{1}。请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/export.py" line="61"/>
        <location filename="../../desktop/export.py" line="67"/>
        <source>Save picture as PNG...</source>
        <translation>保存为 PNG 图片…</translation>
    </message>
</context>
</TS>
